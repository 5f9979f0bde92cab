; dos-core-tsrmain: runs TSR.COM (which stays resident with 31h), then APP.COM (which calls the
; TSR through INT 60h to open a file for it), printing each EXEC result and return code (4Dh:
; AH=3 after a TSR exit). Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM
    mov [block + 4], cs
    mov [block + 8], cs
    mov [block + 12], cs

    mov dx, tsr_name
    call run
    CF 'EXECTSR'
    DOS 0x4D
    HEX 'CODETSR', ax
    mov ax, 0x3560
    int 0x21
    HEX 'INT60SEG', es

    mov dx, app_name
    call run
    CF 'EXECAPP'
    DOS 0x4D
    HEX 'CODEAPP', ax
    EXIT 0

run:
    push cs
    pop es
    mov bx, block
    mov ax, 0x4B00
    int 0x21
    ret

    CORELIB

tsr_name:   db 'TSR.COM', 0
app_name:   db 'APP.COM', 0
block:
    dw 0
    dw tail, 0
    dw 0x5C, 0
    dw 0x6C, 0
tail:       db 0, 13
            times 256 db 0
stack_top:
end_of_program:
