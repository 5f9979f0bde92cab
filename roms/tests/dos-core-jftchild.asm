; dos-core-jftchild: run by dos-core-jftparent, whose JFT has 30 entries outside its PSP. Prints
; its own JFT's size and far pointer (PSP+32h, +34h: 20 entries at PSP:0018h) and its 20 entries,
; reads 5 bytes through handle 19 (inherited) and tries handle 20 (not inherited: error 6).
; Exits with return code 7.
    org 0x100
%include "dos-core-lib.inc"

start:
    DOS 0x62
    HEX 'CHILDPSP', bx
    HEX 'CJFTSIZE', [0x32]
    HEX 'CJFTOFF', [0x34]
    HEX 'CJFTSEG', [0x36]
    SAY 'CJFT='
    mov si, 0x18
    mov cx, 20
    call print_bytes

    mov bx, 19
    mov dx, data
    mov cx, 5
    DOS 0x3F
    CF 'C19'
    SAY 'C19DATA='
    mov si, data
    mov cx, 5
    call print_bytes
    mov bx, 20
    mov dx, data
    mov cx, 5
    DOS 0x3F
    CF 'C20'
    EXIT 7

    CORELIB

data:       times 5 db 0
