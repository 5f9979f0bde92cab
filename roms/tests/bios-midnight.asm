; BIOS-MIDNIGHT.COM: sets the tick count (INT 1Ah/01h) to the last tick before midnight, waits
; for two ticks with HLT, and reads it back with INT 1Ah/00h: the count has wrapped to a small
; number and AL reports the midnight rollover once; a second read reports it no more.
%include "bios-lib.inc"

start:
    mov ah, 0x01
    mov cx, 0x0018              ; 1800AFh: the last tick of the day
    mov dx, 0x00AF
    int 0x1A
    push ds
    mov ax, 0x40
    mov ds, ax
    mov bx, [0x6C]
.wait:
    sti
    hlt                         ; sleeps until IRQ0
    mov ax, [0x6C]
    sub ax, bx
    cmp ax, 0x10000 - 0xAF + 1  ; wrapped past 0000h (two ticks at least)
    jb .wait
    pop ds
    mov ah, 0x00
    int 0x1A
    TT 'rollover='
    call tt_hex2
    TT ' ticks='
    mov ax, cx
    call tt_hex4
    mov ax, dx
    call tt_hex4
    mov ah, 0x00
    int 0x1A
    TT ' again='
    call tt_hex2
    call tt_crlf
    EXIT 0

BIOSLIB
