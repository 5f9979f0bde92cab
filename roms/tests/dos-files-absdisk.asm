; dos-files-absdisk: a drive of vdm86 (a host folder) is a redirected drive to DOS. Prints:
;   READ / WRITE  INT 25h/26h of sector 0 of C: (CF and AX; the flags word they leave is popped)
;   REMOTE        IOCTL 4409h on C: (DX: bit 12 = remote)
;   DPB32 / DPB1F AL after INT 21h/32h (DL=3) and 1Fh: FFh, no DPB for a network drive
; Exits 0.
    org 0x100
%include "dos-core-lib.inc"

%macro ABSDISK 2                        ; key, interrupt
    mov al, 2                           ; C:
    mov cx, 1
    xor dx, dx
    mov bx, buffer
    int %2
    pushf
    pop bx                              ; the flags as the call left them
    popf                                ; the flags word INT 25h/26h leave on the stack
    %defstr %%k %1
    %defstr %%kax %1AX
    and bx, 1
    HEX %%k, bx
    HEX %%kax, ax
%endmacro

start:
    ABSDISK READ, 0x25
    ABSDISK WRITE, 0x26
    mov ax, 0x4409
    mov bl, 3
    int 0x21
    HEX 'REMOTE', dx
    push ds
    mov dl, 3
    DOS 0x32
    pop ds
    xor ah, ah
    HEX 'DPB32', ax
    push ds
    DOS 0x1F
    pop ds
    xor ah, ah
    HEX 'DPB1F', ax
    EXIT 0

    CORELIB

buffer: times 512 db 0
