; sec-openmany: creates 15 files (FA.TXT to FO.TXT) and keeps them open, then ends as its
; command tail says: F a fault (a BOP nobody handles), L a loop without end (for the instruction
; limit, the timeout and an abort), T stay resident (31h keeps handles open), else exit (4Ch
; closes them). However the run ends, the host must close every file (issue 14).
%include "dos-files-lib.inc"

start:
    mov cx, 15
.create:
    push cx
    mov dx, name
    xor cx, cx
    DOS 0x3C
    pop cx
    jc .failed
    inc byte [name + 1]
    loop .create
    PRINTLN 'open'
    mov al, [0x82]
    cmp al, 'F'
    je .fault
    cmp al, 'L'
    je .loop
    cmp al, 'T'
    je .tsr
    EXIT 0
.fault:
    db 0xC4, 0xC4, 0xFD
.loop:
    jmp .loop
.tsr:
    mov dx, 0x1000
    mov ax, 0x3100
    int 0x21
.failed:
    EXIT 1

    LIBCODE

name: db 'FA.TXT', 0
