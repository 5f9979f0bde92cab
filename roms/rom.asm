;! output: rom.bin
; vdm86 system ROM, loaded at F000:0000 (64 KiB, ending at FFFFFh).
;
; It holds no BIOS or DOS logic: every service vector points at a small stub that traps into
; TypeScript with a BOP (C4 C4 nn), so a guest that hooks a vector and chains to the old one
; reaches the TypeScript handler just as it would reach a real BIOS. Layout (src/bios/rom.ts):
;   F000:0000  IVT image: 256 far pointers the machine copies to 0000:0000 at start
;   F000:0400  entry table: word offsets of internal entry points (ROM_ENTRY in rom.ts)
;   F000:0500  stubs and data
;   F000:FFF0  reset vector, F000:FFF5 BIOS date, F000:FFFE model byte
;
; Handlers that return status in flags write CF/ZF into the FLAGS word the INT pushed
; (SS:SP+4 while the BOP runs), so every stub ends in a plain IRET, except INT 25h/26h which,
; as on real DOS, return with RETF and leave the flags on the stack.

%include "bop.inc"

ROMSEG      equ 0xF000

    cpu 8086
    org 0

; ---------------------------------------------------------------- IVT image
%macro VEC 1
    dw %1, ROMSEG
%endmacro

ivt_image:
    VEC int00           ; 00 divide error (DOS reports and ends the program)
    VEC iret_stub       ; 01 single step
    VEC iret_stub       ; 02 NMI
    VEC iret_stub       ; 03 breakpoint
    VEC iret_stub       ; 04 INTO
    VEC int05           ; 05 print screen (no printer: returns)
    VEC int06           ; 06 raised by a BOP nothing handles
    VEC iret_stub       ; 07
    VEC int08           ; 08 IRQ0 timer
    VEC int09           ; 09 IRQ1 keyboard
    VEC irq_master      ; 0A IRQ2
    VEC irq_master      ; 0B IRQ3
    VEC irq_master      ; 0C IRQ4
    VEC irq_master      ; 0D IRQ5
    VEC irq_master      ; 0E IRQ6
    VEC irq_master      ; 0F IRQ7
    VEC int10           ; 10 video
    VEC int11           ; 11 equipment
    VEC int12           ; 12 memory size
    VEC int13           ; 13 disk (no BIOS disks: answers an error)
    VEC int14           ; 14 serial
    VEC int15           ; 15 system services
    VEC int16           ; 16 keyboard
    VEC int17           ; 17 printer
    VEC int18           ; 18 ROM BASIC (none: ends the run)
    VEC int19           ; 19 bootstrap (ends the run)
    VEC int1a           ; 1A time of day
    VEC iret_stub       ; 1B Ctrl-Break (BIOS default: nothing)
    VEC iret_stub       ; 1C user timer tick
    VEC video_params    ; 1D video parameter table (data)
    VEC diskette_params ; 1E diskette parameter table (data)
    VEC 0               ; 1F graphics font, upper half (none)
    VEC int20           ; 20 DOS terminate
    VEC int21           ; 21 DOS services
    VEC iret_stub       ; 22 terminate address (DOS sets it per process)
    VEC int23           ; 23 Ctrl-C (DOS default: end the program)
    VEC int24           ; 24 critical error (DOS default: fail)
    VEC int25           ; 25 absolute disk read
    VEC int26           ; 26 absolute disk write
    VEC int27           ; 27 terminate and stay resident
    VEC iret_stub       ; 28 DOS idle
    VEC int29           ; 29 fast console output
    VEC iret_stub       ; 2A network
    VEC iret_stub       ; 2B
    VEC iret_stub       ; 2C
    VEC iret_stub       ; 2D
    VEC iret_stub       ; 2E
    VEC int2f           ; 2F multiplex
%rep 0x100 - 0x30
    VEC iret_stub       ; 30-FF: nothing installed
%endrep

; ---------------------------------------------------------------- entry table (ROM_ENTRY)
    times 0x400 - ($ - $$) db 0
entry_table:
    dw dev_strategy     ; 0 DEV_STRATEGY: device driver strategy routine (records ES:BX)
    dw dev_interrupt    ; 1 DEV_INTERRUPT: device driver interrupt routine
    dw root_terminate   ; 2 ROOT_TERMINATE: INT 22h target of the first program
    dw iret_stub        ; 3 IRET: a bare IRET
    dw unsimulate       ; 4 UNSIMULATE: BOP FEh, return address for simulate16
    dw config_table     ; 5 CONFIG_TABLE: INT 15h/C0h system configuration table
    dw retf_stub        ; 6 RETF: a bare RETF
    dw cpm_entry        ; 7 CPM_ENTRY: target of the CP/M-style CALL 5 in the PSP

; ---------------------------------------------------------------- stubs
    times 0x500 - ($ - $$) db 0

iret_stub:
    iret
retf_stub:
    retf

%macro BOPSTUB 2                ; label, number: BOP nn / IRET
%1:
    BOP %2
    iret
%endmacro

%macro BOPSTUB_STI 2            ; label, number: STI / BOP nn / IRET. Services that may wait
%1:                             ; (keyboard, console) rewind IP to the BOP while they wait, so
    sti                         ; IRQ0/IRQ1 must be deliverable there.
    BOP %2
    iret
%endmacro

BOPSTUB     int00, 0x00
BOPSTUB     int05, 0x05
BOPSTUB     int06, 0x06

; IRQ0: tick count at 40:6Ch (TypeScript, with the midnight rollover), then INT 1Ch, then EOI,
; in the order the IBM BIOS uses.
int08:
    sti
    push ax
    BOP 0x08
    int 0x1C
    cli
    mov al, 0x20
    out 0x20, al
    pop ax
    iret

; IRQ1: the scan code from port 60h goes to TypeScript in AL, which updates the shift flags at
; 40:17h and the buffer at 40:1Eh.
int09:
    push ax
    in al, 0x60
    BOP 0x09
    cli
    mov al, 0x20
    out 0x20, al
    pop ax
    iret

irq_master:                     ; IRQ2-7: nothing attached, acknowledge and return
    push ax
    mov al, 0x20
    out 0x20, al
    pop ax
    iret

BOPSTUB     int10, 0x10
BOPSTUB     int11, 0x11
BOPSTUB     int12, 0x12
BOPSTUB     int13, 0x13
BOPSTUB     int14, 0x14
BOPSTUB_STI int15, 0x15          ; 86h (wait) may wait
BOPSTUB_STI int16, 0x16          ; 00h/10h wait for a key
BOPSTUB     int17, 0x17
BOPSTUB     int18, 0x18
BOPSTUB     int19, 0x19
BOPSTUB     int1a, 0x1A

BOPSTUB     int20, 0x20
BOPSTUB_STI int21, 0x21          ; DOS enables interrupts on entry; console input waits
BOPSTUB     int23, 0x23
BOPSTUB     int24, 0x24
BOPSTUB     int27, 0x27
BOPSTUB     int29, 0x29
BOPSTUB     int2f, 0x2F

; INT 25h/26h return with RETF, leaving the caller's flags on the stack (documented DOS
; behaviour); TypeScript sets CF in the live flags.
int25:
    BOP 0x25
    retf
int26:
    BOP 0x26
    retf

; ---------------------------------------------------------------- internal entry points
dev_strategy:                   ; vdm86 does device I/O itself: a program calling a driver's
dev_interrupt:                  ; entry points directly gets a plain return
    retf
root_terminate:                 ; DOS never lets the CPU run past here: BOP F1h ends the run
    BOP 0xF1
.hang:
    hlt
    jmp .hang
unsimulate:
    BOP 0xFE
    jmp unsimulate
cpm_entry:                      ; CALL 5 convention: function in CL; DOS handles it like INT 21h
    BOP 0xF2
    retf

; ---------------------------------------------------------------- data tables
config_table:                   ; INT 15h/C0h: length, model, submodel, revision, features 1-5
    dw 8
    db 0xFE, 0x00, 0x00         ; model FEh (PC/XT, an 8086/8088 machine)
    db 0x00, 0x00, 0x00, 0x00, 0x00

video_params:
    times 0x58 db 0
diskette_params:                ; 1.44 MB diskette values, for programs that read the table
    db 0xDF, 0x02, 0x25, 0x02, 0x12, 0x1B, 0xFF, 0x6C, 0xF6, 0x0F, 0x08

; ---------------------------------------------------------------- ROM BASIC, F600:0000-7FFF
; The IBM PC's ROM BASIC fills F6000h-FDFFFh; BASICA and BASIC of MS-DOS 1.25 jump to entry
; points all over it (F600:4C79...). vdm86 has no ROM BASIC: whatever offset a program enters,
; it reaches BOP F3h (at once from F600:0000, else down a run of NOPs), which ends the run with
; that reason instead of executing zeros.
    times 0x6000 - ($ - $$) db 0
rom_basic:
    BOP 0xF3
    times 0xE000 - 5 - ($ - $$) nop
rom_basic_end:
    BOP 0xF3
    jmp short rom_basic_end

; ---------------------------------------------------------------- reset vector, date, model
    times 0xFFF0 - ($ - $$) db 0
reset:
    jmp ROMSEG:root_terminate   ; vdm86 starts programs directly; a jump to FFFF:0000 ends the run
    db '11/21/26'               ; F000:FFF5 BIOS date
    db 0
    db 0xFE                     ; F000:FFFE model byte: PC/XT
    db 0
