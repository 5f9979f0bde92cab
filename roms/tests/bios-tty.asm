; BIOS-TTY.COM: for the pseudo-terminal test. Draws a title in colour straight into video memory
; (yellow on blue at row 2, column 30), prints a prompt through the teletype, then shows the key
; word of every key typed (INT 16h/00h) on row 10 until 'q', and exits with 5.
%include "bios-lib.inc"

start:
    push es
    mov ax, 0xB800
    mov es, ax
    mov di, (2 * 80 + 30) * 2
    mov si, title
    mov ah, 0x1E
    call vid_str
    pop es
    SETCUR 5, 0                 ; the prompt
    TT 'press keys, q quits'
.key:
    mov ah, 0x00
    int 0x16
    push ax
    SETCUR 10, 0                ; show it at row 10
    pop ax
    TT 'key='
    call tt_hex4
    cmp al, 'q'
    jne .key
    SETCUR 12, 0
    TT 'bye'
    EXIT 5

title: db 'VDM86 TTY ', 0xB0, 0xB1, 0xB2, 0xDB, 0

BIOSLIB
