; dos-core-mem: the memory arena through INT 21h/48h, 49h, 4Ah and 58h. Shrinks its own block,
; grows it again by 100h paragraphs into the space it gave up and shrinks it back, asks for
; everything (error 8 with the largest size), allocates and frees blocks under the first-, best-
; and last-fit strategies, grows a block past what is free (error 8, and the block is left as
; large as it can be), frees a non-block (error 9), then breaks an MCB signature and sees 48h/4Ah
; report error 7 before repairing it. Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

%macro ALLOC 2                              ; ALLOC paragraphs, variable
    mov bx, %1
    DOS 0x48
    mov [%2], ax
%endmacro
%macro FREE 1
    mov es, [%1]
    DOS 0x49
%endmacro
%macro STRATEGY 1
    mov bx, %1
    mov ax, 0x5801
    int 0x21
%endmacro

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM
    CF 'SHRINK'
    mov ax, es                              ; ES = PSP: its MCB is the paragraph before
    dec ax
    mov es, ax
    HEX 'OWNSIZE', [es:3]
    HEX 'OWNOWNER', [es:1]

    ; ---- the program's own block grows into the free space after it, then shrinks back
    push cs
    pop es
    mov bx, (end_of_program - start + 0x100 + 15) / 16 + 0x100
    DOS 0x4A
    CF 'GROWOWN'
    mov ax, cs
    dec ax
    mov es, ax
    HEX 'OWNGROWN', [es:3]
    push cs
    pop es
    SHRINK_TO_PROGRAM
    CF 'SHRINKOWN'

    mov bx, 0xFFFF
    DOS 0x48
    CF 'ALLOCALL'
    HEX 'LARGEST', bx

    ; ---- first fit: A(200h) B(10h) C(100h) D(10h), then free A and C: two holes
    ALLOC 0x200, seg_a
    CF 'A'
    HEX 'SEGA', [seg_a]
    ALLOC 0x10, seg_b
    HEX 'SEGB', [seg_b]
    ALLOC 0x100, seg_c
    HEX 'SEGC', [seg_c]
    ALLOC 0x10, seg_d
    HEX 'SEGD', [seg_d]
    mov es, [seg_a]
    mov ax, es
    dec ax
    mov es, ax
    HEX 'OWNERA', [es:1]
    FREE seg_a
    CF 'FREEA'
    FREE seg_c
    CF 'FREEC'

    mov ax, 0x5800
    int 0x21
    HEX 'STRAT0', ax
    ALLOC 0x80, seg_x                       ; first fit: A's hole
    HEX 'FIRSTFIT', [seg_x]
    FREE seg_x
    STRATEGY 1
    CF 'SETBEST'
    ALLOC 0x80, seg_x                       ; best fit: C's (smaller) hole
    HEX 'BESTFIT', [seg_x]
    FREE seg_x
    STRATEGY 2
    ALLOC 0x80, seg_x                       ; last fit: the top of the last free block
    HEX 'LASTFIT', [seg_x]
    mov ax, 0x5800
    int 0x21
    HEX 'STRAT2', ax
    FREE seg_x
    STRATEGY 0
    STRATEGY 5
    CF 'BADSTRAT'
    mov ax, 0x5802
    int 0x21
    HEX 'UMBLINK', ax
    mov bx, 1
    mov ax, 0x5803
    int 0x21
    CF 'LINKUMB'

    ; ---- resize: D grows into the free space after it, but not past the end of memory
    mov es, [seg_d]
    mov bx, 0x20
    DOS 0x4A
    CF 'GROWD'
    mov es, [seg_d]
    mov bx, 0xFFFF
    DOS 0x4A
    CF 'GROWALL'
    HEX 'MAXD', bx
    mov ax, [seg_d]
    dec ax
    mov es, ax
    HEX 'SIZED', [es:3]                     ; DOS left it as large as possible
    mov es, [seg_d]
    mov bx, 0x10
    DOS 0x4A
    CF 'SHRINKD'
    mov bx, 0xFFFF
    DOS 0x48
    HEX 'LARGEST2', bx

    ; ---- a segment that is not a block
    mov ax, [seg_b]
    add ax, 4
    mov es, ax
    DOS 0x49
    CF 'FREEBAD'

    ; ---- a broken chain: the MCB after B gets a bad signature
    mov ax, [seg_b]
    add ax, 0x10                            ; B's MCB is at seg_b-1, size 10h: next at seg_b+10h
    mov es, ax
    mov al, [es:0]
    mov [saved_sig], al
    mov byte [es:0], 'X'
    mov bx, 0x10
    DOS 0x48
    CF 'ALLOCBROKEN'
    mov es, [seg_b]
    mov bx, 0x8
    DOS 0x4A
    CF 'RESIZEB'                            ; DOS looks at the next block even to shrink: 7
    mov ax, [seg_b]
    add ax, 0x9
    mov es, ax
    mov bx, 0x20
    DOS 0x4A
    CF 'RESIZEBROKEN'
    mov ax, [seg_b]
    add ax, 0x10
    mov es, ax
    mov al, [saved_sig]
    mov byte [es:0], al                     ; repair
    mov es, [seg_b]
    mov bx, 0x10
    DOS 0x4A
    CF 'RESIZEREPAIRED'
    mov bx, 0x10
    DOS 0x48
    CF 'ALLOCREPAIRED'
    EXIT 0

    CORELIB

seg_a:      dw 0
seg_b:      dw 0
seg_c:      dw 0
seg_d:      dw 0
seg_x:      dw 0
saved_sig:  db 0
            times 256 db 0
stack_top:
end_of_program:
