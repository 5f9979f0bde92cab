; vdd-userb: the grandchild of vdd-userhook (run as CHILDB.COM): prints its PSP, exits with 2.
    cpu 8086
    org 0x100
%include "vdd-lib.inc"

start:
    PRINT 'B psp='
    mov ah, 0x62
    int 0x21
    mov ax, bx
    call print_hex16
    call crlf
    mov al, 2
    jmp exit

LIBCODE
