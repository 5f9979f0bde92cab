; SHELL-INT2E.COM: hands two command lines to the shell with INT 2Eh (count byte, text, CR), as
; programs did to run a command in the primary shell, printing "back" after each. Gives back the
; memory it does not use first, so the commands can run programs.
%include "print.inc"

    org 0x100
start:
    mov sp, stack_top
    mov bx, (end_of_program - start + 0x100 + 15) >> 4
    mov ah, 0x4A
    int 0x21
    mov si, first
    int 0x2E
    push cs
    pop ds
    PRINT 'back', 13, 10
    mov si, second
    int 0x2E
    push cs
    pop ds
    PRINT 'back', 13, 10
    mov ax, 0x4C00
    int 0x21

first   db first_end - first - 1, 'ECHO one via INT 2Eh', 13
first_end:
second  db second_end - second - 1, 'EXITCODE 6', 13
second_end:
    times 256 db 0
stack_top:
end_of_program:
