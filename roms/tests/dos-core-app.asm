; dos-core-app: calls the resident TSR (INT 60h) to open DATA.TXT for it, then reads the file
; through that handle, which now stands in its own JFT. Exits with return code 5.
    org 0x100
%include "dos-core-lib.inc"

start:
    DOS 0x62
    HEX 'APPPSP', bx
    mov dx, data_name
    int 0x60
    CF 'TSROPEN'
    mov [handle], ax
    HEX 'HANDLE', ax
    HEX 'SEENPSP', bx
    DOS 0x62
    HEX 'CURRENT', bx
    mov bx, [handle]
    SAY 'JFTENTRY='
    mov si, 0x18
    add si, bx
    mov cx, 1
    call print_bytes
    mov dx, buffer
    mov cx, 64
    DOS 0x3F
    CF 'READ'
    mov cx, ax
    SAY 'DATA='
    mov si, buffer
    call print_bytes
    mov bx, [handle]
    DOS 0x3E
    CF 'CLOSE'
    EXIT 5

    CORELIB

data_name:  db 'DATA.TXT', 0
handle:     dw 0
buffer:     times 64 db 0
