; BIOS-VIDEO.COM: the video BIOS and video memory, end to end. Prints the mode and the size
; queries through the teletype and a line through INT 29h, writes to B800h directly, and uses
; INT 10h 01h/02h/03h/06h/07h/08h/09h/0Ah/12h/13h, so the test can check both the console stream
; (teletype text only) and the final screen (everything). Leaves the cursor hidden (01h, CH bit
; 5). Exits with 0.
%include "bios-lib.inc"

start:
    SETCUR 0, 0
    mov ah, 0x0F                ; AL = mode, AH = columns, BH = page
    int 0x10
    TT 'mode='
    call tt_hex2
    TT ' cols='
    push ax
    mov al, ah
    xor ah, ah
    call tt_dec
    pop ax
    TT ' page='
    mov al, bh
    call tt_hex2
    call tt_crlf

    int 0x11
    TT 'equip='
    call tt_hex4
    int 0x12
    TT ' mem='
    call tt_dec
    call tt_crlf

    mov ax, 0x1A00              ; display combination: BL = 08h (VGA colour)
    int 0x10
    TT 'dcc='
    mov al, bl
    call tt_hex2
    call font_info              ; DL = rows - 1
    TT ' rows='
    mov al, dl
    xor ah, ah
    inc ax
    call tt_dec
    call tt_crlf

    TTLN 'TELETYPE LINE'

    ; INT 29h, DOS's fast console output, is the same teletype: screen and stream, row 6.
    SETCUR 6, 0
    mov si, int29_line
.int29:
    lodsb
    or al, al
    jz .int29_done
    int 0x29
    jmp .int29
.int29_done:

    ; Direct writes to video memory: "DIRECT" at row 10, column 20, yellow on blue.
    push es
    mov ax, 0xB800
    mov es, ax
    mov di, (10 * 80 + 20) * 2
    mov si, direct
    mov ah, 0x1E
    call vid_str
    pop es

    ; INT 10h/09h: three 'X' in white on red at row 12, column 5 (the cursor does not move).
    SETCUR 12, 5
    mov ax, 0x0958
    mov bx, 0x004F
    mov cx, 3
    int 0x10

    ; INT 10h/13h: a string at row 14, green background, cursor moved.
    mov ax, 0x1301
    mov bx, 0x002F
    mov cx, string13_len
    mov dx, 0x0E00
    mov bp, string13
    int 0x10

    ; A line at row 20 scrolled down one row inside rows 20-22: it ends on row 21.
    SETCUR 20, 0
    TT 'SCROLLME'
    mov ax, 0x0701
    mov bh, 0x07
    mov cx, 0x1400
    mov dx, 0x164F
    int 0x10
    ; Rows 23-24 filled, then cleared by a scroll-up of 0 lines (clear window).
    SETCUR 23, 0
    TT 'CLEARED'
    mov ax, 0x0600
    mov bh, 0x07
    mov cx, 0x1700
    mov dx, 0x184F
    int 0x10

    ; INT 10h/08h reads back the direct write at row 10, column 20.
    SETCUR 10, 20
    mov ah, 0x08
    xor bh, bh
    int 0x10
    mov si, ax
    mov ah, 0x03                ; and the cursor as INT 10h/03h reports it
    xor bh, bh
    int 0x10
    mov di, dx
    SETCUR 4, 0
    TT 'read='
    mov ax, si
    call tt_hex4
    TT ' cur='
    mov ax, di
    call tt_hex4
    call tt_crlf

    ; INT 10h/0Ah: one '-' over the middle 'X' at row 12, column 6: the character changes, the
    ; attribute (4Fh) stays whatever BL says, and the cursor does not move.
    SETCUR 12, 6
    mov ax, 0x0A2D
    mov bx, 0x0070
    mov cx, 1
    int 0x10
    mov ah, 0x08
    xor bh, bh
    int 0x10
    mov si, ax
    mov ah, 0x03
    xor bh, bh
    int 0x10
    mov di, dx
    SETCUR 7, 0
    TT 'wc='
    mov ax, si
    call tt_hex4
    TT ' cur='
    mov ax, di
    call tt_hex4
    call tt_crlf

    ; INT 10h/01h: a block cursor (scan lines 0-15); 03h and the CRTC's registers 0Ah/0Bh
    ; report it back.
    mov ah, 0x01
    mov cx, 0x000F
    int 0x10
    mov ah, 0x03
    xor bh, bh
    int 0x10
    TT 'shape='
    mov ax, cx
    call tt_hex4
    mov dx, 0x3D4
    mov al, 0x0A
    out dx, al
    inc dx
    in al, dx
    mov ah, al
    dec dx
    mov al, 0x0B
    out dx, al
    inc dx
    in al, dx
    TT ' crtc='
    call tt_hex4
    call tt_crlf

    ; INT 10h/12h BL=10h, EGA/VGA information: BH = 0 (colour), BL = 3 (256 KiB), CX = switches.
    mov ah, 0x12
    mov bl, 0x10
    int 0x10
    TT 'ega='
    mov ax, bx
    call tt_hex4
    TT ' sw='
    mov ax, cx
    call tt_hex4
    call tt_crlf

    SETCUR 16, 0
    TTLN 'DONE'
    mov ah, 0x01                ; the cursor off: CH bit 5
    mov cx, 0x2000
    int 0x10
    EXIT 0

direct: db 'DIRECT', 0
int29_line: db 'INT29 LINE', 13, 10, 0
string13: db 'STRING13'
string13_len equ $ - string13

BIOSLIB
