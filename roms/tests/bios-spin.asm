; BIOS-SPIN.COM: prints one line and then loops forever with interrupts on, for the limit
; options (--max-instructions, --timeout) and for stopping a run from the host.
%include "bios-lib.inc"

start:
    TTLN 'spinning'
.forever:
    jmp .forever

BIOSLIB
