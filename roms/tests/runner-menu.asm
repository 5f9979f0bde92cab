; runner-menu: a small full-screen program for `vdm86 test`'s interactive steps. Clears the
; screen, draws a three-item menu with a > marker, then reads keys with INT 16h/00h: Up/Down move
; the marker, Enter shows "Selected: N", F1 shows a help line, a typed letter or digit is echoed on
; the last line, Esc exits 27, Ctrl-C exits 3, Alt-X exits with the selected item (1-3).
    cpu 8086
    org 0x100

start:
    mov ax, 0x0003                  ; mode 3 clears the screen
    int 0x10
    mov dx, 0x0200                  ; row 2, col 0
    mov si, title
    call puts_at
    mov dx, 0x0404
    mov si, item1
    call puts_at
    mov dx, 0x0504
    mov si, item2
    call puts_at
    mov dx, 0x0604
    mov si, item3
    call puts_at
    mov dx, 0x0A00
    mov si, hint
    call puts_at
    call draw_marker

.key:
    xor ah, ah
    int 0x16
    cmp ax, 0x4800                  ; Up
    je .up
    cmp ax, 0x5000                  ; Down
    je .down
    cmp al, 13                      ; Enter
    je .enter
    cmp ax, 0x3B00                  ; F1
    je .help
    cmp al, 27                      ; Esc
    je .esc
    cmp al, 3                       ; Ctrl-C
    je .ctrlc
    cmp ax, 0x2D00                  ; Alt-X
    je .altx
    cmp al, ' '
    jb .key
    cmp al, 0x7E
    ja .key
    ; echo the character on row 24
    push ax
    mov dh, 24
    mov dl, [col]
    call set_cursor
    pop ax
    mov ah, 0x0E
    xor bx, bx
    int 0x10
    inc byte [col]
    jmp .key

.up:
    cmp byte [sel], 1
    je .key
    call clear_marker
    dec byte [sel]
    call draw_marker
    jmp .key
.down:
    cmp byte [sel], 3
    je .key
    call clear_marker
    inc byte [sel]
    call draw_marker
    jmp .key
.enter:
    mov dx, 0x0C00
    mov si, selected
    call puts_at
    mov al, [sel]
    add al, '0'
    mov ah, 0x0E
    xor bx, bx
    int 0x10
    jmp .key
.help:
    mov dx, 0x1400
    mov si, help
    call puts_at
    jmp .key
.esc:
    mov ax, 0x4C1B
    int 0x21
.ctrlc:
    mov ax, 0x4C03
    int 0x21
.altx:
    mov al, [sel]
    mov ah, 0x4C
    int 0x21

; set_cursor: row DH, column DL on page 0.
set_cursor:
    push ax
    push bx
    mov ah, 0x02
    xor bh, bh
    int 0x10
    pop bx
    pop ax
    ret

; puts_at: the zero-terminated text at SI from row DH, column DL (teletype).
puts_at:
    call set_cursor
.c:
    lodsb
    test al, al
    jz .d
    mov ah, 0x0E
    xor bx, bx
    int 0x10
    jmp .c
.d:
    ret

; marker_at: the cursor on the marker's cell of the selected item (row 3 + sel, col 2).
marker_at:
    mov dh, [sel]
    add dh, 3
    mov dl, 2
    jmp set_cursor

draw_marker:
    call marker_at
    mov ax, 0x0E3E                  ; '>'
    xor bx, bx
    int 0x10
    ret

clear_marker:
    call marker_at
    mov ax, 0x0E20
    xor bx, bx
    int 0x10
    ret

sel: db 1
col: db 0
title: db 'RUNNER MENU', 0
item1: db '1. Open', 0
item2: db '2. Save', 0
item3: db '3. Quit', 0
hint: db 'F1 help  Enter select  Alt-X quit', 0
selected: db 'Selected: ', 0
help: db 'HELP: use the arrows', 0
