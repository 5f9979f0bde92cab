; BIOS-CLI.COM: shows what the vdm86 command line set up, one name=value per line: the current
; drive and directory (INT 21h/19h, 47h), FOO from the environment, conventional memory
; (INT 12h), the DOS version (INT 21h/30h) and the command tail; then a CP437 line (é, a shade
; block) for the encoding options. Exits with 0.
%include "bios-lib.inc"

start:
    mov ah, 0x19
    int 0x21
    add al, 'A'
    TT 'drive='
    call tt_char
    call tt_crlf

    mov ah, 0x47                ; current directory of the default drive
    xor dl, dl
    mov si, cwd
    int 0x21
    TT 'dir=\'
    mov si, cwd
    call tt_str
    call tt_crlf

    TT 'foo='
    push ds
    mov ds, [0x2C]              ; environment segment from the PSP
    xor si, si
.var:
    cmp byte [si], 0
    je .novar
    cmp word [si], 'FO'
    jne .skip
    cmp word [si + 2], 'O='
    jne .skip
    add si, 4
    call tt_str
    jmp .novar
.skip:
    lodsb
    or al, al
    jnz .skip
    jmp .var
.novar:
    pop ds
    call tt_crlf

    int 0x12
    TT 'mem='
    call tt_dec
    call tt_crlf

    mov ah, 0x30
    int 0x21
    TT 'dosver='
    push ax
    xor ah, ah
    call tt_dec
    mov al, '.'
    call tt_char
    pop ax
    mov al, ah
    xor ah, ah
    call tt_dec
    call tt_crlf

    TT 'tail=['
    mov si, 0x81
    mov cl, [0x80]
    xor ch, ch
    jcxz .tail_done
.tail:
    lodsb
    call tt_char
    loop .tail
.tail_done:
    TT ']'
    call tt_crlf

    TT 'cp437=', 0x82, 0xB1, 13, 10
    EXIT 0

cwd: times 68 db 0

BIOSLIB
