; dos-core-idle: INT 28h while DOS waits for a key. Hooks INT 28h with a handler that counts its
; calls, notes the InDOS flag and makes a DOS call of its own (2Ah, allowed in the idle
; interrupt), then reads a key with 01h while no key has been typed yet. Prints the key, how many
; idle calls came, the InDOS value the handler saw and the one after. Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

start:
    DOS 0x34
    mov [indos_off], bx
    mov [indos_seg], es
    mov ax, 0x3528
    int 0x21
    mov [old_off], bx
    mov [old_seg], es
    mov dx, idle
    mov ax, 0x2528
    int 0x21

    DOS 0x01
    call crlf
    HEX 'GOT', ax

    push ds
    lds dx, [old_off]
    mov ax, 0x2528
    int 0x21
    pop ds
    HEX 'IDLECALLS', [count]
    mov al, [seen]
    xor ah, ah
    HEX 'INDOSSEEN', ax
    HEX 'YEARSEEN', [year]
    les bx, [indos_off]
    mov al, [es:bx]
    xor ah, ah
    HEX 'INDOSNOW', ax
    EXIT 0

idle:
    push ax
    push bx
    push cx
    push dx
    push es
    inc word [cs:count]
    les bx, [cs:indos_off]
    mov al, [es:bx]
    mov [cs:seen], al
    DOS 0x2A
    mov [cs:year], cx
    pop es
    pop dx
    pop cx
    pop bx
    pop ax
    iret

    CORELIB

indos_off:  dw 0
indos_seg:  dw 0
old_off:    dw 0
old_seg:    dw 0
count:      dw 0
seen:       db 0
year:       dw 0
