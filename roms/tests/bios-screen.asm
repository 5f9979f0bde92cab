; BIOS-SCREEN.COM: text that reaches the screen other ways than the teletype, for the headless
; screen stream. With no argument it writes, in order:
;   "T1" by the teletype; "NINE" with INT 10h/09h a character at a time (02h moves the cursor),
;   ended by the teletype's CR LF; "TEN" the same with 0Ah; "Name: " by the teletype and "Bob"
;   after it with 09h, then CR LF; "DIRECT" stored into B800h, the cursor moved below it with
;   02h; "DOS" through INT 21h/09h; 30 lines "L01".."L30" as Turbo Pascal's CRT writes them
;   (stores into B800h, INT 10h/06h to scroll at the bottom); 3 lines "M1".."M3" scrolled by
;   moving video memory itself (as QuickBASIC does); then "END" stored at the bottom row.
; With the argument W: "Key? " stored at row 0, the cursor after it, then INT 16h/00h; the key
; is stored after the prompt and "done" follows by the teletype.
%include "bios-lib.inc"

start:
    mov ax, 0xB800
    mov es, ax
    cmp byte [0x82], 'W'
    je prompt

    TTLN 'T1'
    mov si, nine
    mov al, 0x09
    call bios_line
    TTLN ''
    mov si, ten
    mov al, 0x0A
    call bios_line
    TTLN ''
    TT 'Name: '
    mov si, bob
    mov al, 0x09
    call bios_line
    TTLN ''

    call cursor                 ; DH = row
    mov si, direct
    call store_line
    call next_row

    mov dx, dos_text
    mov ah, 0x09
    int 0x21

    ; Turbo Pascal style: 30 numbered lines.
    mov cx, 1
.tp:
    call cursor
    mov byte [num], 'L'
    mov ax, cx
    call two_digits
    mov si, num
    call store_line
    call next_row
    inc cx
    cmp cx, 31
    jne .tp

    ; QuickBASIC style: the program moves the rows up itself.
    mov cx, 1
.qb:
    mov al, cl
    add al, '0'
    mov [mline + 1], al
    mov dh, 24
    mov si, mline
    call store_line
    call memory_scroll
    inc cx
    cmp cx, 4
    jne .qb

    mov dh, 24
    mov si, end_text
    call store_line
    EXIT 0

prompt:
    xor dh, dh
    mov si, key_prompt
    call store_line
    SETCUR 0, 5
    mov ah, 0x00
    int 0x16
    mov [es:5 * 2], al
    SETCUR 1, 0
    TTLN 'done'
    EXIT 0

; bios_line: the zero-terminated string at SI, a character at a time with INT 10h function AL
; (09h or 0Ah) at the cursor, moving the cursor on with 02h.
bios_line:
    mov [.fn], al
.next:
    lodsb
    or al, al
    jz .done
    mov ah, [.fn]
    mov bx, 0x0007
    mov cx, 1
    int 0x10
    call cursor
    inc dl
    mov ah, 0x02
    xor bh, bh
    int 0x10
    jmp .next
.done:
    ret
.fn: db 0

; cursor: DH = row, DL = column of page 0.
cursor:
    push ax
    push bx
    push cx
    mov ah, 0x03
    xor bh, bh
    int 0x10
    pop cx
    pop bx
    pop ax
    ret

; store_line: the zero-terminated string at SI into video memory at row DH, column 0.
store_line:
    push ax
    push di
    mov al, 160
    mul dh
    mov di, ax
.next:
    lodsb
    or al, al
    jz .done
    stosb
    inc di
    jmp .next
.done:
    pop di
    pop ax
    ret

; next_row: the cursor to column 0 of the next row; at the bottom INT 10h/06h scrolls one line.
next_row:
    push cx
    call cursor
    cmp dh, 24
    jb .down
    mov ax, 0x0601
    mov bh, 0x07
    xor cx, cx
    mov dx, 0x184F
    int 0x10
    mov dh, 24
    jmp .set
.down:
    inc dh
.set:
    xor dl, dl
    mov ah, 0x02
    xor bh, bh
    int 0x10
    pop cx
    ret

; memory_scroll: rows 1-24 copied to 0-23, row 24 blanked, by the program itself.
memory_scroll:
    push cx
    push ds
    push es
    pop ds
    xor di, di
    mov si, 160
    mov cx, 24 * 80
    rep movsw
    mov ax, 0x0720
    mov cx, 80
    rep stosw
    pop ds
    pop cx
    ret

; two_digits: AX (0-99) as two digits at num + 1.
two_digits:
    mov bl, 10
    div bl
    add ax, 0x3030
    mov [num + 1], ax
    ret

nine: db 'NINE', 0
ten: db 'TEN', 0
bob: db 'Bob', 0
direct: db 'DIRECT', 0
dos_text: db 'DOS', 13, 10, '$'
num: db 'L00', 0
mline: db 'M0', 0
end_text: db 'END', 0
key_prompt: db 'Key? ', 0

BIOSLIB
