; DOS-STDIN.COM: standard input as a redirected file, read by the character functions, the
; keyboard and handle reads. Everything it reports goes through the BIOS teletype (the screen),
; so the program's standard output holds only what DOS echoed. The first argument letter picks:
;   L  INT 21h/0Ah lines (buffer of 8 characters) until a line that is one Ctrl-Z:
;      "LINE=<hex of the characters>" for each; exit code = the number of lines
;   C  INT 21h/01h until Ctrl-Z: "C=<hex>" for each; exit code = the count
;   K  the keyboard and handle 0 in turns: INT 16h/00h (a key), 0Ah (a line), INT 16h/00h,
;      then 3Fh of 4 bytes from handle 0: "KEY=", "LINE=", "KEY=", "READ=<hex>"
;   E  reads handle 0 until 3Fh gives 0 bytes, then keeps reading it for ever
;   X  reads handle 0 until 3Fh gives 0 bytes, closes handle 0, then reads it for ever (error 6)
%include "bios-lib.inc"

start:
    mov al, [0x82]              ; first argument letter
    cmp al, 'L'
    je lines
    cmp al, 'C'
    je chars
    cmp al, 'K'
    je mixed
    cmp al, 'E'
    je spin_eof
    cmp al, 'X'
    je spin_closed
    EXIT 0xFF

lines:
    xor bx, bx
.next:
    mov dx, buffer
    mov ah, 0x0A
    int 0x21
    inc bx
    call show_line
    cmp byte [buffer + 1], 1
    jne .next
    cmp byte [buffer + 2], 0x1A
    jne .next
    mov al, bl
    mov ah, 0x4C
    int 0x21

chars:
    xor bx, bx
.next:
    mov ah, 0x01
    int 0x21
    inc bx
    TT 'C='
    call tt_hex2
    call tt_crlf
    cmp al, 0x1A
    jne .next
    mov al, bl
    mov ah, 0x4C
    int 0x21

mixed:
    call key
    mov dx, buffer
    mov ah, 0x0A
    int 0x21
    call show_line
    call key
    mov ah, 0x3F
    xor bx, bx
    mov cx, 4
    mov dx, data
    int 0x21
    TT 'READ='
    mov cx, ax
    mov si, data
    call hex_bytes
    call tt_crlf
    EXIT 0

spin_eof:
    call drain
.again:
    call read1
    jmp .again

spin_closed:
    call drain
    mov ah, 0x3E
    xor bx, bx
    int 0x21
.again:
    call read1
    jmp .again

; Reads handle 0 until a read gives 0 bytes.
drain:
    call read1
    jc .done
    or ax, ax
    jnz drain
.done:
    TT 'EOF', 13, 10
    ret

; 3Fh: one byte from handle 0 into data.
read1:
    mov ah, 0x3F
    xor bx, bx
    mov cx, 1
    mov dx, data
    int 0x21
    ret

; INT 16h/00h, shown as "KEY=hhhh".
key:
    mov ah, 0x00
    int 0x16
    TT 'KEY='
    call tt_hex4
    call tt_crlf
    ret

; "LINE=" and the hex of the 0Ah buffer's characters.
show_line:
    push cx
    push si
    TT 'LINE='
    mov cl, [buffer + 1]
    xor ch, ch
    mov si, buffer + 2
    call hex_bytes
    call tt_crlf
    pop si
    pop cx
    ret

; CX bytes at SI in hex.
hex_bytes:
    jcxz .done
.next:
    lodsb
    call tt_hex2
    loop .next
.done:
    ret

BIOSLIB

buffer: db 9, 0
        times 9 db 0
data:   times 16 db 0
