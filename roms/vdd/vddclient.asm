; vddclient: the guest side `vdm86 vdd init NAME` writes for a new VDD (client.asm there, with
; NAME in dll_name). It registers the VDD, asks it for function 1 (AX = BX + CX) with 2 and 3,
; prints "NAME answered AX=0005" and exits with 0, or prints why not and exits with 1. The
; scaffold patches the 9-byte dll_name field of this binary, so the field stays last and fixed.
    cpu 8086
    org 0x100
%include "isvbop.inc"

start:
    mov si, dll_name            ; DS:SI -> DLL name
    mov di, init_name           ; ES:DI -> init routine name
    mov bx, dispatch_name       ; DS:BX -> dispatch routine name
    RegisterModule
    jc no_vdd
    mov [handle], ax

    mov dx, 1                   ; function 1: AX = BX + CX
    mov bx, 2
    mov cx, 3
    mov ax, [handle]
    DispatchCall
    jc failed
    push ax
    mov si, dll_name
    call puts
    mov si, msg_answer
    call puts
    pop ax
    call print_hex16
    mov si, msg_crlf
    call puts

    mov ax, [handle]
    UnRegisterModule
    mov ax, 0x4C00
    int 0x21

no_vdd:
    mov si, msg_no_vdd
    jmp fail
failed:
    mov si, msg_failed
fail:
    call puts
    mov ax, 0x4C01
    int 0x21

; puts: the ASCIIZ string at DS:SI through INT 21h/02h.
puts:
    lodsb
    or al, al
    jz .done
    mov dl, al
    mov ah, 0x02
    int 0x21
    jmp puts
.done:
    ret

; print_hex16: AX as four hex digits.
print_hex16:
    mov cx, 4
.digit:
    rol ax, 1
    rol ax, 1
    rol ax, 1
    rol ax, 1
    push ax
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'A' - '9' - 1
.out:
    mov dl, al
    mov ah, 0x02
    int 0x21
    pop ax
    loop .digit
    ret

handle          dw 0
init_name       db 'VddInit', 0
dispatch_name   db 'VddDispatch', 0
msg_answer      db ' answered AX=', 0
msg_crlf        db 13, 10, 0
msg_no_vdd      db 'RegisterModule failed: is the VDD loaded (--vdd)?', 13, 10, 0
msg_failed      db 'the VDD refused function 1', 13, 10, 0
; The DLL name: up to 8 characters, NUL-padded to 9 bytes (the scaffold writes it here).
dll_name        db 'TEMPLATE', 0
