;! output: dos-mem-image.bin
; dos-mem-image: the start of a load module that checks itself, for loader tests of EXEs bigger
; than a segment. The test builds an MZ header, puts this code at load module offset 0, follows
; it with pattern bytes up to the module's size and patches the words below. At load module
; offset i (32 bits: hi:mid:lo bytes) the pattern byte is (lo + 3*mid + 29*hi) & FFh, so a byte
; that lands 256 bytes or 64 KiB away from its place is seen. Entry CS:IP = load:0000, SS:SP
; inside this code. Prints PATTERN=ok or BAD=hhhh:hhhh (the module offset of the first wrong
; byte), LOAD=hhhh first (the load segment), then RELOC=hhhh: the word at the relocated place minus the load segment, and exits 0.
    cpu 8086
    org 0

entry:
    jmp short main
    align 4
pattern_start_lo: dw image_end          ; module offset where the pattern begins
pattern_start_hi: dw 0
pattern_end_lo:   dw 0                  ; patched: where it stops (the relocated word follows)
pattern_end_hi:   dw 0
reloc_seg:        dw 0                  ; patched: seg:off of the relocated word, module-relative
reloc_off:        dw 0

%include "dos-core-lib.inc"

main:
    mov ax, cs
    mov ds, ax
    mov [load_seg], ax
    HEX 'LOAD', ax
    ; ---- walk the pattern: i in DX:BX, ES:BX -> byte i (ES = load + hi16(i) * 1000h)
    mov bx, [pattern_start_lo]
    mov dx, [pattern_start_hi]
    mov ax, dx
    mov cl, 12
    shl ax, cl
    add ax, [load_seg]
    mov es, ax
.next:
    cmp dx, [pattern_end_hi]
    jb .check
    ja .done
    cmp bx, [pattern_end_lo]
    jae .done
.check:
    mov al, bh
    mov ah, 3
    mul ah                              ; AX = mid * 3
    add al, bl
    mov cl, al
    mov al, dl
    mov ah, 29
    mul ah
    add al, cl                          ; AL = expected byte
    cmp al, [es:bx]
    jne .bad
    add bx, 1
    adc dx, 0
    or bx, bx
    jnz .next
    mov ax, es
    add ax, 0x1000
    mov es, ax
    jmp .next
.bad:
    HEX 'BADHI', dx
    HEX 'BADLO', bx
    jmp .reloc
.done:
    SAY 'PATTERN=ok', 13, 10
.reloc:
    mov ax, [load_seg]
    add ax, [reloc_seg]
    mov es, ax
    mov bx, [reloc_off]
    mov ax, [es:bx]
    sub ax, [load_seg]
    HEX 'RELOC', ax
    EXIT 0

    CORELIB

load_seg: dw 0
    align 16
    times 256 db 0
stack_top:
image_end:
