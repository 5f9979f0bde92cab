; BIOS-ANYKEY.COM: "press q to quit": reads keys with INT 16h/00h until it gets 'q', printing
; each. After input ends it keeps getting Ctrl-Z, and vdm86 ends the run as input-exhausted.
%include "bios-lib.inc"

start:
    TTLN 'press q'
.again:
    mov ah, 0x00
    int 0x16
    call tt_hex4
    call tt_crlf
    cmp al, 'q'
    jne .again
    EXIT 7

BIOSLIB
