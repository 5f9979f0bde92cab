; dos-core-child: run by dos-core-parent. Prints its JFT (handle 5 inherited from the parent,
; handle 6 not: it was opened with the no-inherit bit), writes a line to handle 5, tries handle
; 6 (error 6, invalid handle), and exits with return code 42.
    org 0x100
%include "dos-core-lib.inc"

start:
    SAY 'CHILDJFT='
    mov si, 0x18
    mov cx, 8
    call print_bytes
    DOS 0x62
    HEX 'CHILDPSP', bx
    HEX 'CHILDPARENT', [0x16]

    mov bx, 5
    mov dx, line
    mov cx, line_len
    DOS 0x40
    CF 'W5'
    mov bx, 6
    mov dx, line
    mov cx, line_len
    DOS 0x40
    CF 'W6'
    mov bx, 6
    mov dx, buffer
    mov cx, 1
    DOS 0x3F
    CF 'R6'
    EXIT 42

    CORELIB

line:       db 'child wrote', 13, 10
line_len    equ $ - line
buffer:     db 0
