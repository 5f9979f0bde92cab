; vdd-simulate: simulate16. DispatchCall to the test's SIM VDD with DL=1 or 2 and ES:DI -> a guest
; routine: the VDD saves CS:IP, points them at the routine, calls simulate16 (which returns when
; the routine executes VDDUnSimulate16), restores CS:IP and, for DL=1, returns AX+1 in CX.
; routine1 itself calls the VDD to run routine2: simulate16 nests.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    REGISTER_NOINIT vdd_name, disp_name
    mov [hvdd], ax

    PRINTLN 'calling the VDD'
    mov ax, [hvdd]
    mov dl, 1
    mov di, routine1
    DispatchCall
    PRINT 'back: '
    call report
    PRINT 'CX='
    mov ax, cx
    call print_hex16
    call crlf
    mov al, 0
    jmp exit

routine1:
    PRINTLN 'in routine1'
    mov ax, [hvdd]
    mov dl, 2
    mov di, routine2
    DispatchCall                ; a nested simulate16
    PRINTLN 'routine1 again'
    mov ax, 0x1000
    add ax, bx                  ; BX from routine2
    VDDUnSimulate16

routine2:
    PRINTLN 'in routine2'
    mov bx, 0x0333
    VDDUnSimulate16

LIBCODE

vdd_name    db 'SIM', 0
disp_name   db 'Dispatch', 0
hvdd        dw 0
