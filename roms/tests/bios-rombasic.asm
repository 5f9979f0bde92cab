; bios-rombasic: jumps into ROM BASIC at F600:0000 as BASICA of MS-DOS 1.25 does. vdm86 has
; none: the run must end at once with that reason (not execute the zeros there). Prints
; "before" first.
    cpu 8086
    org 0x100
%include "print.inc"

start:
    PRINTLN 'before'
    jmp 0xF600:0x0000

    PRINTCODE
