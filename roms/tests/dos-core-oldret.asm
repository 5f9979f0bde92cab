; dos-core-oldret: what DEBUG 2.0 does on G — a program whose PSP was made with 26h (not EXEC)
; ends with INT 20h or INT 21h/00h while the current PSP is still the debugger's. DOS takes the
; ending PSP from the caller's CS (user_CS), restores INT 22h-24h from it, and since it is not
; the current PSP nothing is freed and nobody's parent takes over: an "old-style return" to the
; INT 22h address, which 26h copied from the vector this program set. The first letter of the
; command tail picks the ending: 'I' INT 20h, '0' INT 21h/00h.
; Prints BACK=<letter>, the current PSP (PSPSAME=yes when it is still ours) and exits with 4Ch 07h.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov si, 0x81
.blank:
    lodsb
    cmp al, ' '
    je .blank
    mov [how], al
    SHRINK_TO_PROGRAM
    ; INT 22h -> back_here; 26h copies it into the new PSP's terminate address.
    mov dx, back_here
    mov ax, 0x2522
    int 0x21
    ; The child PSP in the free memory after this program's block and the MCB that follows it,
    ; its code (INT 20h or 00h) at 100h.
    mov dx, cs
    add dx, (end_of_program - start + 0x100 + 15) / 16 + 1
    mov [child], dx
    DOS 0x26
    mov es, [child]
    mov di, 0x100
    cmp byte [how], '0'
    je .by_00
    mov ax, 0x20CD              ; INT 20h
    stosw
    jmp .go
.by_00:
    mov ax, 0x00B4              ; MOV AH,0
    stosw
    mov ax, 0x21CD              ; INT 21h
    stosw
.go:
    mov [saved_sp], sp
    push word [child]
    mov ax, 0x100
    push ax
    mov ds, [child]
    retf

back_here:
    push cs
    pop ds
    mov sp, [saved_sp]
    SAY 'BACK='
    mov dl, [how]
    call putc
    call crlf
    DOS 0x51
    SAY 'PSPSAME='
    mov ax, cs
    cmp bx, ax
    jne .other
    SAY 'yes'
    jmp .said
.other:
    SAY 'no'
.said:
    call crlf
    EXIT 7

    CORELIB

how:      db 0
child:    dw 0
saved_sp: dw 0
end_of_program:
