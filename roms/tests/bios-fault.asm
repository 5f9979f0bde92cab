; BIOS-FAULT.COM: executes a BOP no handler is registered for (C4 C4 FDh); the machine raises
; INT 6 and the run ends as a guest fault that names the BOP and where it was.
%include "bios-lib.inc"

start:
    TTLN 'before'
    db 0xC4, 0xC4, 0xFD
    TTLN 'after'
    EXIT 0

BIOSLIB
