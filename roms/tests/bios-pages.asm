; BIOS-PAGES.COM: INT 10h/05h, the display pages of the colour text modes. Prints a line on page
; 0 through the teletype; builds page 1 with page-addressed calls (02h, 09h, 0Ah, 08h and 13h with
; BH=1) while page 0 is still shown; selects page 1 and reports, through the teletype (which now
; writes on page 1), what 0Fh says the active page is, both pages' cursors (03h BH=0 and 1) and
; the cell read back from page 1. The final screen is page 1's. Exits with 0.
%include "bios-lib.inc"

%macro CURSOR1 2                ; INT 10h/02h: page 1's cursor to row, column
    mov ah, 0x02
    mov bh, 1
    mov dx, (%1 << 8) | %2
    int 0x10
%endmacro

start:
    SETCUR 0, 0
    TTLN 'ON PAGE 0'

    ; Page 1, row 2: six 'P' in yellow on blue (09h), then '=' twice over the third and fourth
    ; (0Ah keeps their attribute). Page 0 is on the screen meanwhile.
    CURSOR1 2, 0
    mov ax, 0x0950
    mov bx, 0x011E
    mov cx, 6
    int 0x10
    CURSOR1 2, 2
    mov ax, 0x0A3D
    mov bh, 1
    mov cx, 2
    int 0x10
    mov ah, 0x08                ; page 1's cell at its cursor (2,2)
    mov bh, 1
    int 0x10
    mov [cell1], ax

    ; Page 1, row 0: a string (13h, cursor not moved).
    push cs
    pop es
    mov ax, 0x1300
    mov bx, 0x012F
    mov cx, page1_len
    xor dx, dx
    mov bp, page1
    int 0x10

    mov ah, 0x0F                ; BH = the active page before the switch
    int 0x10
    mov [before], bh

    mov ax, 0x0501              ; show page 1
    int 0x10
    mov ah, 0x0F
    int 0x10
    mov [after], bh
    mov ah, 0x03
    xor bh, bh
    int 0x10
    mov [cur0], dx
    CURSOR1 4, 0                ; the teletype now writes on page 1, from row 4
    mov ah, 0x03
    mov bh, 1
    int 0x10
    mov [cur1], dx

    TT 'before='
    mov al, [before]
    call tt_hex2
    TT ' after='
    mov al, [after]
    call tt_hex2
    call tt_crlf
    TT 'cur0='
    mov ax, [cur0]
    call tt_hex4
    TT ' cur1='
    mov ax, [cur1]
    call tt_hex4
    call tt_crlf
    TT 'cell1='
    mov ax, [cell1]
    call tt_hex4
    call tt_crlf
    EXIT 0

page1: db 'ON PAGE 1'
page1_len equ $ - page1
before: db 0
after: db 0
cur0: dw 0
cur1: dw 0
cell1: dw 0

BIOSLIB
