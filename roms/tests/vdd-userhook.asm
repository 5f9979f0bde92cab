; vdd-userhook: user hooks across EXEC and a TSR exit. Registers the test's LIFE VDD (its init
; routine installs create/terminate hooks), prints its own PSP, EXECs CHILDA.COM (which EXECs
; CHILDB.COM and then stays resident), and prints A's exit type and code (4Dh).
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    mov si, vdd_name
    mov di, init_name
    mov bx, disp_name
    RegisterModule
    PRINT 'register: '
    call report
    PRINT 'parent psp='
    mov ah, 0x62
    int 0x21
    mov ax, bx
    call print_hex16
    call crlf

    mov bx, 0x1000              ; shrink to 64 KiB so the child has room
    mov ah, 0x4A
    int 0x21
    mov dx, child_name
    call exec
    PRINT 'exec A: '
    call report_cf
    mov ah, 0x4D
    int 0x21
    PRINT 'A ended: '
    call report
    mov al, 0
    jmp exit

; exec: runs the program named at DS:DX with an empty tail.
exec:
    mov [param_tail + 2], cs
    mov [param_fcb1 + 2], cs
    mov [param_fcb2 + 2], cs
    mov [save_sp], sp
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
    ret

LIBCODE

vdd_name    db 'LIFE', 0
init_name   db 'Init', 0
disp_name   db 'Dispatch', 0
child_name  db 'CHILDA.COM', 0
save_sp     dw 0
param       dw 0
param_tail  dw empty_tail, 0
param_fcb1  dw empty_fcb, 0
param_fcb2  dw empty_fcb, 0
empty_tail  db 0, 13
empty_fcb   db 0, '           ', 0, 0, 0, 0
