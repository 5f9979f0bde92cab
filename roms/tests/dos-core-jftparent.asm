; dos-core-jftparent: EXEC from a parent whose JFT 67h moved out of its PSP. Raises its handle
; count to 30 (the table now lives in a block of its own), opens IN.TXT 17 times (handles 5-21,
; each its own SFT entry), prints its JFT's first 22 entries, and runs JFTCHILD.COM, which gets a
; 20-entry JFT in its own PSP holding only handles 0-19. After the child (which read 5 bytes
; through handle 19) it reads handle 19 (the shared position has moved on) and handle 21 (never
; the child's: still at the start). Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"
%include "exec.inc"

OPENS equ 17

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM
    CF 'SHRINK'
    mov bx, 30
    DOS 0x67
    CF 'COUNT30'
    HEX 'PJFTSIZE', [0x32]
    HEX 'PJFTOFF', [0x34]
    HEX 'PJFTSEG', [0x36]
    DOS 0x62
    HEX 'PARENTPSP', bx

    mov cx, OPENS
.open:
    mov dx, in_name
    mov ax, 0x3D00
    int 0x21
    jc .opened
    mov [last], ax
    loop .open
.opened:
    CF 'OPENS'
    HEX 'LAST', [last]
    SAY 'PJFT='
    push ds
    lds si, [0x34]
    mov cx, 22
    call print_bytes
    pop ds

    mov dx, child_name
    call exec
    CF 'EXEC'
    DOS 0x4D
    HEX 'CODE', ax
    HEX 'PJFTSIZEAFTER', [0x32]

    mov bx, 19
    call read5
    CF 'P19'
    SAY 'P19DATA='
    call show5
    mov bx, 21
    call read5
    CF 'P21'
    SAY 'P21DATA='
    call show5
    EXIT 0

; Reads 5 bytes from handle BX into data (CF and AX as 3Fh leaves them).
read5:
    mov dx, data
    mov cx, 5
    DOS 0x3F
    ret

show5:
    mov si, data
    mov cx, 5
    call print_bytes
    ret

    CORELIB
    EXECCODE

in_name:    db 'IN.TXT', 0
child_name: db 'JFTCHILD.COM', 0
last:       dw 0
data:       times 5 db 0
            times 256 db 0
stack_top:
end_of_program:
