; vdd-badcall: a DispatchCall (or, with "U" in the command tail, an UnRegisterModule) with a
; handle nobody registered. NTVDM terminates the VDM; vdm86 ends the run with a clear error.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    PRINTLN 'before'
    mov ax, 7
    cmp byte [0x82], 'U'
    je .unregister
    DispatchCall
    jmp .after
.unregister:
    UnRegisterModule
.after:
    PRINTLN 'after'
    mov al, 0
    jmp exit

LIBCODE
