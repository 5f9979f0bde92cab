; sec-flood: writes 1000 lines of 100 bytes to standard output (100,000 bytes), then "THE END"
; and CR LF: more console output than a small capture limit keeps (issue 14).
%include "dos-files-lib.inc"

start:
    mov cx, 1000
.line:
    push cx
    mov bx, 1
    mov dx, line
    mov cx, 100
    DOS 0x40
    pop cx
    loop .line
    PRINTLN 'THE END'
    EXIT 0

    LIBCODE

line: times 98 db 'x'
      db 13, 10
