; dos-files-ea: INT 21h/5702h-5704h, DOS 4's extended attributes, on a handle of EA.TXT (the test
; makes it). For 5702h (query list DS:SI = all, SI=FFFFh) and 5703h: CX=0 (size needed), CX=1
; (too small: the buffer stays), CX=10h (the list: a zero count word); then 5704h with a list,
; 5705h, and 5702h on a bad handle. Prints KEY=ok/err hhhh, CX and the buffer's first 4 bytes.
    org 0x100
%include "dos-core-lib.inc"

%macro EACALL 3                         ; key, AL, CX
    mov di, buffer
    mov word [di], 0xAAAA
    mov word [di + 2], 0xAAAA
    mov bx, [handle]
    mov si, 0xFFFF
    mov cx, %3
    mov ax, 0x5700 | %2
    int 0x21
    %defstr %%k %1
    CF %%k
    %defstr %%kcx %1CX
    HEX %%kcx, cx
    %defstr %%kbuf %1BUF=
    SAY %%kbuf
    mov si, buffer
    mov cx, 4
    call print_bytes
%endmacro

start:
    mov dx, name
    mov ax, 0x3D02
    int 0x21
    CF 'OPEN'
    mov [handle], ax
    EACALL GETSIZE, 2, 0
    EACALL GETSMALL, 2, 1
    EACALL GET, 2, 0x10
    EACALL NAMESIZE, 3, 0
    EACALL NAMES, 3, 0x10
    mov word [buffer], 1                ; a list of one (ignored) attribute
    mov bx, [handle]
    mov di, buffer
    mov ax, 0x5704
    int 0x21
    CF 'SET'
    mov bx, [handle]
    mov ax, 0x5705
    int 0x21
    CF 'FIVE'
    mov bx, 99
    mov cx, 0x10
    mov di, buffer
    mov ax, 0x5702
    int 0x21
    CF 'BADHANDLE'
    EXIT 0

    CORELIB

name:   db 'EA.TXT', 0
handle: dw 0
buffer: times 16 db 0
