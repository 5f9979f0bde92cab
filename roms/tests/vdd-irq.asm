; vdd-irq: simulateInterrupt through the PIC. The test's IRQ VDD requests CX interrupts on IRQ3
; of the master PIC for DispatchCall DL=1, and tries the (absent) slave PIC for DL=2 (AX = 1 if
; that worked). The guest's IRQ3 handler (vector 0Bh) counts and sends the EOI.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    REGISTER_NOINIT vdd_name, disp_name
    mov [hvdd], ax

    mov ax, 0x350B              ; save and set vector 0Bh (IRQ3)
    int 0x21
    mov [old_vec], bx
    mov [old_vec + 2], es
    push ds
    pop es
    mov dx, irq3
    mov ax, 0x250B
    int 0x21
    in al, 0x21                 ; unmask IRQ3
    and al, 0xF7
    out 0x21, al

    cli
    mov ax, [hvdd]
    mov dl, 1
    mov cx, 3
    DispatchCall
    call wait_a_while
    mov ax, [count]             ; read before printing: INT 21h enables interrupts (STI)
    PRINT 'with IF=0: '
    call print_hex16
    call crlf
    sti
    call wait_a_while
    mov ax, [count]
    PRINT 'after STI: '
    call print_hex16
    call crlf

    in al, 0x21                 ; masked in the PIC: the request waits
    or al, 0x08
    out 0x21, al
    mov ax, [hvdd]
    mov dl, 1
    mov cx, 1
    DispatchCall
    call wait_a_while
    mov ax, [count]
    PRINT 'masked: '
    call print_hex16
    call crlf
    in al, 0x21
    and al, 0xF7
    out 0x21, al
    call wait_a_while
    mov ax, [count]
    PRINT 'unmasked: '
    call print_hex16
    call crlf

    mov ax, [hvdd]
    mov dl, 2
    DispatchCall
    PRINT 'slave PIC: '
    call report

    in al, 0x21                 ; mask IRQ3 again and restore the vector
    or al, 0x08
    out 0x21, al
    push ds
    lds dx, [old_vec]
    mov ax, 0x250B
    int 0x21
    pop ds
    mov al, 0
    jmp exit

wait_a_while:
    push cx
    mov cx, 200
.w:
    loop .w
    pop cx
    ret

irq3:
    inc word [cs:count]
    push ax
    mov al, 0x20
    out 0x20, al
    pop ax
    iret

LIBCODE

vdd_name    db 'IRQ', 0
disp_name   db 'Dispatch', 0
hvdd        dw 0
count       dw 0
old_vec     dd 0
