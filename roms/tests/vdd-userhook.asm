; vdd-userhook: user hooks across EXEC and a TSR exit. Registers the test's LIFE VDD (its init
; routine installs create/terminate hooks), prints its own PSP, EXECs CHILDA.COM (which EXECs
; CHILDB.COM and then stays resident), and prints A's exit type and code (4Dh).
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"
%include "exec.inc"

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

LIBCODE
EXECCODE

vdd_name    db 'LIFE', 0
init_name   db 'Init', 0
disp_name   db 'Dispatch', 0
child_name  db 'CHILDA.COM', 0
