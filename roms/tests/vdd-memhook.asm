; vdd-memhook: memory hooks. The test's MEMHOOK VDD hooks D000:0000-D000:1FFF (two pages) in its
; init routine; its handler commits the faulting page with allocMem and, for page 0, stores 5Ah
; at D000:0010 — so the guest's read, retried after the handler, sees 5Ah. DispatchCall DL=1
; frees page 0 and tells the handler to leave it uncommitted (reads then give open bus, FFh);
; DL=2 returns the number of handler calls in AX.
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
    mov [hvdd], ax

    mov ax, 0xD000
    mov es, ax
    PRINT 'read D000:0010 = '
    mov al, [es:0x0010]
    call print_hex8
    call crlf

    PRINT 'write D000:1008, read back = '
    mov byte [es:0x1008], 0x77
    mov al, [es:0x1008]
    call print_hex8
    PRINT ', next byte = '
    mov al, [es:0x1009]
    call print_hex8
    call crlf

    PRINT 'read D000:0011 = '
    mov al, [es:0x0011]
    call print_hex8
    call crlf

    push es
    push ds
    pop es
    mov ax, [hvdd]
    mov dl, 1
    DispatchCall
    pop es
    PRINT 'after freeMem, read D000:0010 = '
    mov al, [es:0x0010]
    call print_hex8
    call crlf

    PRINT 'handler calls: '
    mov ax, [hvdd]
    mov dl, 2
    DispatchCall
    call print_hex16
    call crlf
    mov al, 0
    jmp exit

LIBCODE

vdd_name    db 'MEMHOOK', 0
init_name   db 'Init', 0
disp_name   db 'Dispatch', 0
hvdd        dw 0
