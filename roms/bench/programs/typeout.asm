; typeout: console output the way TYPE or a chatty tool produces it. Writes a 68-byte line
; 4000 times to standard output with INT 21h/40h (272,000 bytes through DOS, the console device
; and the BIOS teletype, scrolling the screen), then a summary line with 09h. Exits 0.
; Whole-program benchmark for npm run bench.
    org 0x100
%include "bench-lib.inc"

LINES   equ 4000

start:
    mov word [left], LINES
.line:
    mov bx, 1                           ; standard output
    mov cx, line_len
    mov dx, line
    DOS 0x40
    jc fail
    cmp ax, line_len
    jne fail
    dec word [left]
    jnz .line
    PRINTMSG msg_done
    mov ax, LINES
    call print_dec
    PRINTMSG msg_lines
    mov ax, 0x4C00
    int 0x21

fail:
    PRINTMSG msg_fail
    mov ax, 0x4C01
    int 0x21

    PRINTCODE
    PRINTDEC

line:       db 'The quick brown fox jumps over the lazy dog. 0123456789 ABCDEFGHIJ', 13, 10
line_len    equ $ - line
msg_done:   db 'typeout: $'
msg_lines:  db ' lines written', 13, 10, '$'
msg_fail:   db 'typeout: FAILED', 13, 10, '$'

    align 2
left:       dw 0
