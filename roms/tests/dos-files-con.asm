; dos-files-con: reading CON through handle 0 in raw mode (IOCTL 4401h bit 5: exactly CX bytes,
; waiting for each key, no echo) and in cooked mode (a line with echo, ending CR LF). The test
; types "ab", CR, "cd" and then "xy", CR, one key at a time while the program waits.
%include "dos-files-lib.inc"

start:
    mov ax, 0x4400
    xor bx, bx
    int 0x21
    or dl, 0x20
    xor dh, dh
    mov ax, 0x4401
    int 0x21
    OKERR 'raw'
    xor bx, bx
    mov cx, 5
    mov dx, buf
    DOS 0x3F
    RESULT 'raw read'
    mov si, buf
    mov cx, 5
    call print_bytes
    call crlf

    mov ax, 0x4400
    xor bx, bx
    int 0x21
    and dl, 0xDF
    xor dh, dh
    mov ax, 0x4401
    int 0x21
    OKERR 'cooked'
    xor bx, bx
    mov cx, 20
    mov dx, buf
    DOS 0x3F
    RESULT 'cooked read'
    mov si, buf
    mov cx, ax
    call print_bytes
    call crlf
    xor bx, bx
    mov cx, 20
    mov dx, buf
    DOS 0x3F
    RESULT 'read at end of input'
    EXIT 0

    LIBCODE

buf: times 32 db 0
