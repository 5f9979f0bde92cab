; vdd-usera: the first child of vdd-userhook (run as CHILDA.COM): prints its PSP, EXECs
; CHILDB.COM, prints B's exit code, then terminates and stays resident (INT 21h/31h).
    cpu 8086
    org 0x100
%include "vdd-lib.inc"

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
    mov [param_tail + 2], cs
    mov [param_fcb1 + 2], cs
    mov [param_fcb2 + 2], cs
    mov [save_sp], sp
    mov dx, child_name
    mov bx, param
    mov ax, 0x4B00
    int 0x21
    mov cx, cs
    mov ss, cx
    mov sp, [cs:save_sp]
    push cs
    pop ds
    push cs
    pop es
    mov ah, 0x4D
    int 0x21
    PRINT 'B ended: '
    call report
    PRINTLN 'A stays resident'
    mov dx, (end_of_program - $$ + 0x100 + 15) / 16
    mov ax, 0x3105
    int 0x21

LIBCODE

child_name  db 'CHILDB.COM', 0
save_sp     dw 0
param       dw 0
param_tail  dw empty_tail, 0
param_fcb1  dw empty_fcb, 0
param_fcb2  dw empty_fcb, 0
empty_tail  db 0, 13
empty_fcb   db 0, '           ', 0, 0, 0, 0
end_of_program:
