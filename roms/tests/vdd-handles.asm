; vdd-handles: the four VDD handle calls seen from the guest. The test's HANDLES VDD dispatches on
; DL: 1 = a new DOS handle on a host memory object (inheritable), 4 = the same with the
; no-inherit bit, 2 = read 5 bytes to DS:DI through the host object behind DOS handle BX
; (retrieveNtHandle; CF=1 when there is none), 3 = releaseDosHandle(BX) (AX = 1 or 0),
; 5 = AX = 1 if the last object made is closed. The first letter of the command tail picks a
; scenario: R round trip, T retrieve, S slot 20+ after 67h, F full JFT, L release, I inherit.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"
%include "exec.inc"

start:
    REGISTER_NOINIT vdd_name, disp_name
    jc fail
    mov [hvdd], ax

    mov si, 0x81                ; first non-blank of the command tail
.skip:
    lodsb
    cmp al, ' '
    je .skip
    cmp al, 'R'
    je round_trip
    cmp al, 'T'
    je retrieve
    cmp al, 'S'
    je slot20
    cmp al, 'F'
    je full
    cmp al, 'L'
    je release
    cmp al, 'I'
    je inherit
fail:
    PRINTLN 'bad start'
    mov al, 1
    jmp exit

; vdd dl: DispatchCall to HANDLES with function DL.
%macro VDD 1
    mov ax, [hvdd]
    mov dl, %1
    DispatchCall
%endmacro

; R: allocate + associate, read it with 3Fh, print it with 40h, close it with 3Eh.
round_trip:
    VDD 1
    PRINT 'handle: '
    call report
    mov [h], ax
    call read_print
    PRINT 'closed before 3Eh: '
    VDD 5
    call report
    mov bx, [h]
    mov ah, 0x3E
    int 0x21
    PRINT 'close: '
    call report_cf
    PRINT 'closed after 3Eh: '
    VDD 5
    call report
    mov al, 0
    jmp exit

; T: retrieveNtHandle on a handle DOS opened (3Dh), then on a free one.
retrieve:
    mov dx, data_name
    mov ax, 0x3D00
    int 0x21
    PRINT 'open: '
    call report
    mov bx, ax
    mov di, buffer
    VDD 2
    PRINT 'retrieve: '
    call report
    call print_buffer5
    mov bx, 15
    VDD 2
    PRINT 'retrieve free: '
    call report
    mov al, 0
    jmp exit

; S: 67h to 30 handles, fill 5-19 with opens, then the VDD's handle lands in slot 20.
slot20:
    mov bx, 0x1000              ; a .COM owns all memory: give some back for the new JFT
    mov ah, 0x4A
    int 0x21
    mov bx, 30
    mov ah, 0x67
    int 0x21
    PRINT 'set count: '
    call report_cf
    call open15
    VDD 1
    PRINT 'handle: '
    call report
    mov [h], ax
    call read_print
    mov al, 0
    jmp exit

; F: 20 handles in use: the VDD gets -4.
full:
    call open15
    VDD 1
    PRINT 'handle: '
    call report
    mov al, 0
    jmp exit

; L: releaseDosHandle frees the slot (the guest's read then fails with 6), twice fails.
release:
    VDD 1
    mov [h], ax
    mov bx, ax
    VDD 3
    PRINT 'release: '
    call report
    mov bx, [h]
    mov cx, 5
    mov dx, buffer
    mov ah, 0x3F
    int 0x21
    PRINT 'read after release: '
    call report
    mov bx, [h]
    VDD 3
    PRINT 'release again: '
    call report
    PRINT 'closed: '
    VDD 5
    call report
    mov al, 0
    jmp exit

; I: an inheritable handle and a no-inherit one, then EXEC CHILD.COM, which reads both.
inherit:
    VDD 1
    PRINT 'inheritable: '
    call report
    mov [h], ax
    VDD 4
    PRINT 'no-inherit: '
    call report
    mov [h2], ax
    ; shrink to 64 KiB so the child has room
    mov bx, 0x1000
    mov ah, 0x4A
    int 0x21
    mov dx, child_name
    call exec
    PRINT 'exec: '
    call report_cf
    mov ah, 0x4D
    int 0x21
    PRINT 'child exit: '
    call report
    PRINT 'parent reads no-inherit: '
    mov bx, [h2]
    mov cx, 5
    mov dx, buffer
    mov ah, 0x3F
    int 0x21
    call report
    call print_buffer5
    mov al, 0
    jmp exit

; open15: opens DATA.TXT 15 times (handles 5-19 on a fresh JFT).
open15:
    mov cx, 15
.again:
    mov dx, data_name
    mov ax, 0x3D00
    int 0x21
    jc .bad
    loop .again
    ret
.bad:
    PRINT 'open failed: '
    call report
    ret

; read_print: reads up to 64 bytes from handle [h] and writes them to stdout.
read_print:
    mov bx, [h]
    mov cx, 64
    mov dx, buffer
    mov ah, 0x3F
    int 0x21
    jc .err
    mov cx, ax
    mov bx, 1
    mov dx, buffer
    mov ah, 0x40
    int 0x21
    ret
.err:
    PRINT 'read: '
    call report
    ret

print_buffer5:
    push ax
    push bx
    push cx
    push dx
    mov bx, 1
    mov cx, 5
    mov dx, buffer
    mov ah, 0x40
    int 0x21
    call crlf
    pop dx
    pop cx
    pop bx
    pop ax
    ret

LIBCODE
EXECCODE

vdd_name    db 'HANDLES', 0
disp_name   db 'Dispatch', 0
data_name   db 'DATA.TXT', 0
child_name  db 'CHILD.COM', 0
hvdd        dw 0
h           dw 0
h2          dw 0
buffer      times 80 db 0
