; BIOS-MODE.COM <mode>: sets a video mode through INT 10h/00h (the argument in hex: 1, 3, 7,
; 13 for graphics, or 50 for mode 3 with the 8x8 font loaded by INT 10h/1112h), then prints
; what INT 10h/0Fh and 11h/30h report, and writes "DIRECT" straight into the text segment the
; mode uses (B000h for mode 7, else B800h) at row 1. Exits with the mode INT 10h/0Fh reports.
%include "bios-lib.inc"

start:
    mov si, 0x81                ; parse a hex number from the command tail
    xor bx, bx
.skip:
    lodsb
    cmp al, ' '
    je .skip
.digit:
    cmp al, '0'
    jb .parsed
    cmp al, '9'
    jbe .dec
    or al, 0x20
    cmp al, 'a'
    jb .parsed
    cmp al, 'f'
    ja .parsed
    sub al, 'a' - 10
    jmp .add
.dec:
    sub al, '0'
.add:
    mov cl, 4
    shl bx, cl
    xor ah, ah
    add bx, ax
    lodsb
    jmp .digit
.parsed:
    cmp bx, 0x50
    jne .plain
    mov ax, 0x0003
    int 0x10
    mov ax, 0x1112              ; 8x8 font: 50 rows
    xor bl, bl
    int 0x10
    jmp .set
.plain:
    mov ax, bx
    xor ah, ah
    int 0x10
.set:
    mov ah, 0x0F
    int 0x10
    mov [mode], al
    TT 'mode='
    call tt_hex2
    TT ' cols='
    mov al, ah
    xor ah, ah
    call tt_dec
    call font_info
    TT ' rows='
    mov al, dl
    xor ah, ah
    inc ax
    call tt_dec
    TT ' height='
    mov ax, cx
    call tt_dec
    call tt_crlf

    push es
    mov ax, 0xB800
    cmp byte [mode], 7
    jne .colour
    mov ax, 0xB000
.colour:
    mov es, ax
    mov ah, 0x0F
    int 0x10                    ; AH = columns: row 1 starts at columns * 2
    mov al, ah
    xor ah, ah
    shl ax, 1
    mov di, ax
    mov si, direct
    mov ah, 0x07
    call vid_str
    pop es
    mov al, [mode]
    mov ah, 0x4C
    int 0x21

mode: db 0
direct: db 'DIRECT', 0

BIOSLIB
