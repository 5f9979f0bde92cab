; BIOS-KBHOOK.COM: a keyboard hook the way TSRs write one. Its INT 09h handler reads the scan
; code from port 60h, remembers it, counts the interrupt and chains to the BIOS handler (which
; reads port 60h again and must see the same byte). Reads three keys with INT 16h/00h, prints
; them, then the IRQ1 count and whether every chained read matched. Exits with 0.
%include "bios-lib.inc"

start:
    mov ax, 0x3509
    int 0x21
    mov [old09], bx
    mov [old09 + 2], es
    mov dx, hook
    mov ax, 0x2509
    int 0x21

    mov cx, 3
.read:
    mov ah, 0x00
    int 0x16
    TT 'key='
    call tt_hex4
    call tt_crlf
    loop .read

    push ds
    lds dx, [old09]
    mov ax, 0x2509
    int 0x21
    pop ds

    TT 'irqs='
    mov ax, [irqs]
    call tt_dec
    TT ' mismatches='
    mov ax, [mismatch]
    call tt_dec
    call tt_crlf
    EXIT 0

hook:
    push ax
    in al, 0x60
    mov [cs:last], al
    inc word [cs:irqs]
    pop ax
    pushf                       ; chain as an interrupt
    call far [cs:old09]
    push ax
    in al, 0x60                 ; still the same byte after the BIOS read it
    cmp al, [cs:last]
    je .same
    inc word [cs:mismatch]
.same:
    pop ax
    iret

old09: dd 0
last: db 0
irqs: dw 0
mismatch: dw 0

BIOSLIB
