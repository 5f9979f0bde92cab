; BIOS-EXIT.COM: exits with the decimal number given as its first argument (0-255), after
; printing it; no argument exits with 0.
%include "bios-lib.inc"

start:
    mov si, 0x81
    xor ax, ax
    xor bx, bx
.skip:
    lodsb
    cmp al, ' '
    je .skip
.digit:
    cmp al, '0'
    jb .done
    cmp al, '9'
    ja .done
    sub al, '0'
    xchg ax, bx
    mov dx, 10
    mul dx
    add bx, ax
    xor ax, ax
    lodsb
    jmp .digit
.done:
    mov ax, bx
    TT 'exit '
    call tt_dec
    call tt_crlf
    mov ah, 0x4C
    mov al, bl
    int 0x21

BIOSLIB
