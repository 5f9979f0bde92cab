; dos-core-ends: a program that ends the way the first letter of its command tail says, for
; dos-core-run to EXEC:
;   0   INT 21h/00h, with AL = 77h (DOS ignores AL: the return code is 0);
;   R   a top-level RET with AX = 4C55h: SP is where DOS left it, so the RET pops the 0 word DOS
;       pushed and jumps to PSP:0000, whose INT 20h ends the program (return code 0);
;   C   INT 21h/4Ch with return code 2Ah (the control: a code does come through).
; Prints ENDING=<letter> first and NOTREACHED if the call returns.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov si, 0x81
.blank:
    lodsb
    cmp al, ' '
    je .blank
    mov [how], al
    SAY 'ENDING='
    mov dl, al
    call putc
    call crlf
    cmp byte [how], '0'
    je by_00
    cmp byte [how], 'R'
    je by_ret
    EXIT 0x2A

by_00:
    mov ax, 0x0077
    int 0x21
    jmp not_reached

by_ret:
    mov ax, 0x4C55
    ret

not_reached:
    SAY 'NOTREACHED'
    call crlf
    EXIT 0x63

    CORELIB

how:    db 0
