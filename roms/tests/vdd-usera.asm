; vdd-usera: the first child of vdd-userhook (run as CHILDA.COM): prints its PSP, EXECs
; CHILDB.COM, prints B's exit code, then terminates and stays resident (INT 21h/31h).
    cpu 8086
    org 0x100
%include "vdd-lib.inc"
%include "exec.inc"

start:
    PRINT 'A psp='
    mov ah, 0x62
    int 0x21
    mov ax, bx
    call print_hex16
    call crlf
    mov bx, 0x1000
    mov ah, 0x4A
    int 0x21
    mov dx, child_name
    call exec
    mov ah, 0x4D
    int 0x21
    PRINT 'B ended: '
    call report
    PRINTLN 'A stays resident'
    mov dx, (end_of_program - $$ + 0x100 + 15) / 16
    mov ax, 0x3105
    int 0x21

LIBCODE
EXECCODE

child_name  db 'CHILDB.COM', 0
end_of_program:
