; dos-files-fcberr: a failing FCB call records its error for INT 21h/59h, as a handle call does.
; Before each FCB call a close of handle 99 records error 6; after it, 59h must give the FCB
; call's own error. Calls: 13h delete, 0Fh open, 17h rename of the missing MISSING.TXT; then a
; handle open (3Dh) of it for the reference class/action/locus. Each prints
; KEY_AL (the FCB result), KEY_AX (59h code), KEY_BX (class:action), KEY_CH (locus). Exits 0.
    org 0x100
%include "dos-core-lib.inc"

%macro PRIME 0                          ; record error 6 (invalid handle)
    mov bx, 99
    DOS 0x3E
%endmacro

%macro EXTERR 1                         ; print 59h's answer under the prefix
    push ds
    xor bx, bx
    DOS 0x59
    pop ds
    %defstr %%kax %1_AX
    %defstr %%kbx %1_BX
    %defstr %%kch %1_CH
    HEX %%kax, ax
    HEX %%kbx, bx
    mov al, ch
    xor ah, ah
    HEX %%kch, ax
%endmacro

%macro FCBCALL 2                        ; key, function
    PRIME
    mov dx, fcb
    DOS %2
    xor ah, ah
    %defstr %%kal %1_AL
    HEX %%kal, ax
    EXTERR %1
%endmacro

start:
    FCBCALL DEL, 0x13
    FCBCALL OPEN, 0x0F
    FCBCALL REN, 0x17
    PRIME
    mov dx, name
    mov ax, 0x3D00
    int 0x21
    EXTERR HANDLE
    EXIT 0

    CORELIB

name:   db 'MISSING.TXT', 0
fcb:    db 0, 'MISSING TXT'
        times 5 db 0
        db 0, 'OTHER   TXT'
        times 37 - 28 db 0
