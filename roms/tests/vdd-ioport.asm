; vdd-ioport: I/O hooks. The test's PORTS VDD (hooked at attach) has byte handlers only on
; 300h-301h and E0h, byte and word handlers on 310h-311h; PORTS2 hooks 301h over it in its
; init routine and gives it back on DispatchCall DL=9. DispatchCall to PORTS: DL=1 transfers
; CX bytes from DS:SI to port 300h as a string output, DL=2 CX words from port 300h (which has
; no word handler) into DS:DI, DL=3 CX words from 310h (which has a string handler) into DS:DI.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    REGISTER_NOINIT ports_name, disp_name
    mov [h1], ax

    mov dx, 0x300
    mov al, 0x11
    out dx, al                  ; outb 300 11
    mov ax, 0x2233
    out dx, ax                  ; no word handler: outb 300 33, outb 301 22
    in ax, dx                   ; inb 300, inb 301
    PRINT 'in ax,300h = '
    call print_hex16
    call crlf

    mov dx, 0x310
    mov ax, 0x4455
    out dx, ax                  ; outw 310 4455
    in ax, dx                   ; inw 310
    PRINT 'in ax,310h = '
    call print_hex16
    call crlf
    in al, dx                   ; inb 310
    PRINT 'in al,310h = '
    call print_hex8
    call crlf

    mov al, 0x66
    out 0xE0, al                ; the immediate-port forms reach the hooks too
    in al, 0xE0
    PRINT 'in al,E0h = '
    call print_hex8
    call crlf

    mov si, ports2_name         ; PORTS2's init routine takes port 301h over
    mov di, init_name
    mov bx, disp_name
    RegisterModule
    mov [h2], ax
    mov dx, 0x301
    mov al, 0x77
    out dx, al                  ; PORTS2 outb 301 77
    mov ax, [h2]
    mov dl, 9
    DispatchCall                ; PORTS2 deinstalls
    mov dx, 0x301
    mov al, 0x88
    out dx, al                  ; PORTS outb 301 88 again

    mov ax, [h1]
    mov dl, 1
    mov si, bytes
    mov cx, 3
    DispatchCall                ; string out to 300h: three outb
    mov ax, [h1]
    mov dl, 2
    mov di, buffer
    mov cx, 2
    DispatchCall                ; string in of 2 words from 300h: four inb
    PRINT 'words from 300h = '
    mov ax, [buffer]
    call print_hex16
    mov ax, [buffer + 2]
    call print_hex16
    call crlf
    mov ax, [h1]
    mov dl, 3
    mov di, buffer
    mov cx, 2
    DispatchCall                ; string in of 2 words from 310h: its insw handler
    PRINT 'words from 310h = '
    mov ax, [buffer]
    call print_hex16
    mov ax, [buffer + 2]
    call print_hex16
    call crlf

    mov dx, 0x3FF               ; nobody hooks 3FFh: open bus
    in al, dx
    PRINT 'in al,3FFh = '
    call print_hex8
    call crlf
    mov al, 0
    jmp exit

LIBCODE

ports_name  db 'PORTS', 0
ports2_name db 'PORTS2', 0
disp_name   db 'Dispatch', 0
init_name   db 'Init', 0
h1          dw 0
h2          dw 0
bytes       db 0xA1, 0xA2, 0xA3
buffer      times 8 db 0
