; BIOS-TICKS.COM: hooks INT 1Ch and counts timer ticks until it has seen 36 (about 2 s at
; 18.2 Hz), then checks that the tick count at 40:6Ch advanced by as many. Prints the counts;
; exits 0 when they agree, 1 when they do not. The test measures the rate on a virtual clock
; (time = instructions run) and checks it loosely on the host clock.
%include "bios-lib.inc"

TICKS_WANTED equ 36

start:
    mov ax, 0x351C              ; save the old INT 1Ch
    int 0x21
    mov [old1c], bx
    mov [old1c + 2], es
    mov dx, tick
    mov ax, 0x251C
    int 0x21

    push ds
    mov ax, 0x40
    mov ds, ax
    mov ax, [0x6C]
    pop ds
    mov [start_ticks], ax

.wait:                          ; busy: the ticks interrupt this loop
    cmp word [count], TICKS_WANTED
    jb .wait

    cli
    push ds
    mov ax, 0x40
    mov ds, ax
    mov ax, [0x6C]
    pop ds
    sti
    sub ax, [start_ticks]
    mov [delta], ax

    push ds                     ; restore INT 1Ch
    lds dx, [old1c]
    mov ax, 0x251C
    int 0x21
    pop ds

    TT 'hooked='
    mov ax, [count]
    call tt_dec
    TT ' bda='
    mov ax, [delta]
    call tt_dec
    call tt_crlf
    mov ax, [delta]
    cmp ax, [count]
    jne .bad
    EXIT 0
.bad:
    EXIT 1

tick:                           ; INT 1Ch: count, then chain
    inc word [cs:count]
    jmp far [cs:old1c]

old1c: dd 0
count: dw 0
start_ticks: dw 0
delta: dw 0

BIOSLIB
