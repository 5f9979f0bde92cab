; sec-flood: writes 1000 lines of 100 bytes to standard output (100,000 bytes), then "THE END"
; and CR LF: more console output than a small capture limit keeps, or a pipe holds (issue 14).
; With the command tail L it writes lines forever (for a timeout with a stdout nobody reads).
%include "dos-files-lib.inc"

start:
    mov cx, 1000
    cmp byte [0x82], 'L'
    jne .line
    mov cx, 0                       ; LOOP from 0: 65536 lines, again and again
.line:
    push cx
    mov bx, 1
    mov dx, line
    mov cx, 100
    DOS 0x40
    pop cx
    loop .line
    cmp byte [0x82], 'L'
    je start
    PRINTLN 'THE END'
    EXIT 0

    LIBCODE

line: times 98 db 'x'
      db 13, 10
