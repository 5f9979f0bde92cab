;! output: dos-core-exe.exe
; dos-core-exe: an MZ .EXE assembled by hand (header, relocation table, code, data and stack
; segments), to check DOS's EXE loading: CS:IP and SS:SP from the header relocated to the load
; segment, DS = ES = PSP, relocation fixups in code and in a far pointer, and the block size
; DOS chose from the image size and the min/max allocation fields. Prints KEY=value lines and
; exits with return code 21h.

    cpu 8086

MIN_ALLOC   equ 0x0040          ; paragraphs beyond the image the program needs (its stack)
MAX_ALLOC   equ 0x0100          ; and wants: DOS gives exactly image + 10h + this when it can
STACK_BYTES equ 0x200

; Fixed layout of the load module, so the segment numbers are plain constants.
HEADER_BYTES equ 0x40
CODE_BYTES   equ 0x800
DATA_BYTES   equ 0x10
header_paras equ HEADER_BYTES / 16
code_seg     equ 0
data_seg     equ CODE_BYTES / 16
stack_seg    equ (CODE_BYTES + DATA_BYTES) / 16
file_size    equ HEADER_BYTES + CODE_BYTES + DATA_BYTES

; ---------------------------------------------------------------- header
section header start=0
    db 'MZ'
    dw file_size % 512                      ; bytes in the last page
    dw (file_size + 511) / 512              ; pages
    dw (reloc_end - reloc_start) / 4        ; relocation count
    dw header_paras                         ; header size in paragraphs
    dw MIN_ALLOC
    dw MAX_ALLOC
    dw stack_seg                            ; SS, relative to the load module
    dw STACK_BYTES                          ; SP
    dw 0                                    ; checksum
    dw entry                                ; IP
    dw 0                                    ; CS, relative (the code segment starts the image)
    dw reloc_start                          ; relocation table offset
    dw 0                                    ; overlay number
reloc_start:
    dw fix_data + 1, 0                      ; mov ax, DATA (immediate word)
    dw fix_far + 2, data_seg                ; segment half of the far pointer in the data segment
    dw fix_stack + 1, 0                     ; mov ax, STACK
reloc_end:
    times HEADER_BYTES - ($ - $$) db 0


; ---------------------------------------------------------------- code (load module offset 0)
section code follows=header align=16 vstart=0
%include "dos-core-lib.inc"

entry:
    mov [cs:r_ds], ds
    mov [cs:r_es], es
    mov [cs:r_ss], ss
    mov [cs:r_sp], sp
    mov [cs:r_ax], ax
    mov [cs:r_cs], cs
    mov ax, [2]                             ; PSP:02 memory top (DS = PSP)
    mov [cs:r_top], ax

fix_data:
    mov ax, data_seg                        ; relocated: + load segment
    mov ds, ax
fix_stack:
    mov ax, stack_seg                       ; relocated: + load segment
    mov [cs:r_stackseg], ax

    HEX 'PSP', [cs:r_ds]
    HEX 'ES', [cs:r_es]
    HEX 'AX', [cs:r_ax]
    HEX 'CS', [cs:r_cs]
    HEX 'SS', [cs:r_ss]
    HEX 'SP', [cs:r_sp]
    HEX 'MEMTOP', [cs:r_top]
    HEX 'STACKSEG', [cs:r_stackseg]
    HEX 'DATASEG', ds
    ; The data segment holds a marker written at assembly time: readable only if DS is right.
    HEX 'MARKER', [marker]
    call far [fix_far]
    EXIT 0x21

far_target:
    SAY 'FARCALL=ok', 13, 10
    retf

r_ds: dw 0
r_es: dw 0
r_ss: dw 0
r_sp: dw 0
r_ax: dw 0
r_cs: dw 0
r_top: dw 0
r_stackseg: dw 0

    CORELIB
    times CODE_BYTES - ($ - $$) db 0

; ---------------------------------------------------------------- data
section data follows=code align=16 vstart=0
marker:
    dw 0xC0DE
fix_far:
    dw far_target, code_seg                 ; far pointer, segment relocated
    times DATA_BYTES - ($ - $$) db 0
; The file ends here: the stack segment lies in the MIN_ALLOC area DOS adds after the image.
