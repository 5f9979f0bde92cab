; BIOS-KEYS.COM: keyboard input both ways. Reads keys with INT 16h/00h and prints each key word
; in hex until Enter; then reads one line with INT 21h/0Ah and prints it back; then INT 21h/01h
; (read with echo) until Ctrl-Z (1Ah). Exits with the number of keys read by INT 16h/00h.
%include "bios-lib.inc"

start:
    xor cx, cx
.bios:
    mov ah, 0x00
    int 0x16
    inc cx
    TT 'key='
    call tt_hex4
    call tt_crlf
    cmp al, 0x0D
    je .line
    cmp al, 0x1A                ; Ctrl-Z: input ended early
    je .out
    jmp .bios

.line:
    mov [keys], cx
    mov dx, buffer              ; INT 21h/0Ah buffered input
    mov ah, 0x0A
    int 0x21
    call tt_crlf
    TT 'line='
    mov si, buffer + 2
    mov cl, [buffer + 1]
    xor ch, ch
    jcxz .chars
.show:
    lodsb
    call tt_char
    loop .show

.chars:
    call tt_crlf
.char:
    mov ah, 0x01                ; INT 21h/01h: read with echo
    int 0x21
    cmp al, 0x1A
    je .done
    jmp .char
.done:
    call tt_crlf
    TTLN 'eof'
    mov al, [keys]
    mov ah, 0x4C
    int 0x21
.out:
    mov al, cl
    mov ah, 0x4C
    int 0x21

keys: dw 0
buffer: db 60, 0
    times 62 db 0

BIOSLIB
