; dos-core-run: a minimal shell for the tests. "RUN [/L|/O] NAME.EXT rest of tail" shrinks its
; own block, then:
;   (no switch) EXECs NAME.EXT (4B00h) with the rest as its command tail, prints EXEC=ok or
;               EXEC=err <code>, checks that its registers and stack came back, and prints the
;               return code from 4Dh (CODE=) and a second 4Dh (CODE2=, cleared to 0);
;   /L          loads it without running it (4B01h) and prints the child's SS:SP, CS:IP, the AX
;               word DOS put on the child's stack and the current PSP (now the child's);
;   /O          allocates the largest free block and loads it there as an overlay (4B03h)
;               with relocation factor 1234h, printing the first 16 bytes loaded.
; Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov sp, stack_top
    ; The parameter block's far pointers are into this program (a .COM: segment = CS).
    mov [block + 4], cs
    mov [block + 8], cs
    mov [block + 12], cs
    ; Keep only what this program needs: DOS must have the rest to give the child.
    SHRINK_TO_PROGRAM
    CF 'SHRINK'

    ; ---- parse the tail: optional switch, the program name, then the child's tail
    mov si, 0x81
    call skip_blanks
    mov byte [mode], 0
    cmp byte [si], '/'
    jne .name
    mov al, [si+1]
    and al, 0xDF
    mov [mode], al
    add si, 2
    call skip_blanks
.name:
    mov di, progname
.copy:
    lodsb
    cmp al, ' '
    je .named
    cmp al, 13
    je .named_cr
    stosb
    jmp .copy
.named_cr:
    dec si
.named:
    mov byte [di], 0
    ; the rest of the tail (after one blank) becomes the child's, with its leading blank kept
    dec si
    mov di, childtail + 1
    xor cx, cx
.tail:
    lodsb
    stosb
    cmp al, 13
    je .tailed
    inc cx
    jmp .tail
.tailed:
    mov [childtail], cl

    cmp byte [mode], 'L'
    jne .not_load
    jmp load_only
.not_load:
    cmp byte [mode], 'O'
    jne .exec
    jmp overlay

    ; ---- 4B00h: load and execute, registers and stack must survive
.exec:
    mov [saved_sp], sp
    mov [saved_ss], ss
    mov bx, block
    mov dx, progname
    mov si, 0x5151
    mov di, 0xD1D1
    mov bp, 0xB0B0
    mov ax, 0x4B00
    int 0x21
    mov [after_si], si
    mov [after_di], di
    mov [after_bp], bp
    mov [after_sp], sp
    mov [after_ss], ss
    CF 'EXEC'
    HEX 'SI', [after_si]
    HEX 'DI', [after_di]
    HEX 'BP', [after_bp]
    mov ax, [after_sp]
    sub ax, [saved_sp]
    HEX 'SPDELTA', ax
    mov ax, [after_ss]
    sub ax, [saved_ss]
    HEX 'SSDELTA', ax
    DOS 0x4D
    HEX 'CODE', ax
    DOS 0x4D
    HEX 'CODE2', ax
    DOS 0x62
    HEX 'PSPAFTER', bx
    EXIT 0

    ; ---- 4B01h: load, do not execute
load_only:
    DOS 0x62
    mov [parent], bx
    HEX 'PARENT', bx
    mov bx, block
    mov dx, progname
    mov ax, 0x4B01
    int 0x21
    CF 'LOAD'
    HEX 'CHILDSS', [block + 0x10]
    HEX 'CHILDSP', [block + 0x0E]
    HEX 'CHILDCS', [block + 0x14]
    HEX 'CHILDIP', [block + 0x12]
    push ds
    mov ds, [block + 0x10]
    mov si, [cs:block + 0x0E]
    mov ax, [si]
    pop ds
    HEX 'CHILDAX', ax
    DOS 0x62
    mov [child], bx
    ; As a debugger must: make our own PSP current again before ending (DOS ends the current one).
    mov bx, [parent]
    DOS 0x50
    HEX 'CURRENT', [child]
    EXIT 0

    ; ---- 4B03h: overlay into our own allocation
overlay:
    mov bx, 0xFFFF                          ; fails, and BX = the largest block
    DOS 0x48
    DOS 0x48
    CF 'ALLOC'
    mov [block], ax                         ; load segment
    mov word [block + 2], 0x1234            ; relocation factor
    mov bx, block
    mov dx, progname
    mov ax, 0x4B03
    int 0x21
    CF 'OVERLAY'
    HEX 'OVLSEG', [block]
    push ds
    mov ds, [block]
    xor si, si
    mov cx, 16
    SAY 'OVLBYTES='
    call print_bytes
    pop ds
    DOS 0x62
    HEX 'CURRENT', bx
    EXIT 0

skip_blanks:
    cmp byte [si], ' '
    jne .done
    inc si
    jmp skip_blanks
.done:
    ret

    CORELIB

mode:       db 0
parent:     dw 0
child:      dw 0
saved_sp:   dw 0
saved_ss:   dw 0
after_si:   dw 0
after_di:   dw 0
after_bp:   dw 0
after_sp:   dw 0
after_ss:   dw 0
block:
    dw 0                        ; environment: the parent's
    dw childtail, 0             ; command tail (segments set at start)
    dw 0x5C, 0                  ; FCB 1: ours
    dw 0x6C, 0                  ; FCB 2: ours
    dw 0, 0, 0, 0               ; 4B01h: SS:SP, CS:IP
progname:   times 80 db 0
childtail:  times 130 db 0
            times 256 db 0
stack_top:
end_of_program:
