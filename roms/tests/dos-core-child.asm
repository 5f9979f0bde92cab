; dos-core-child: run by dos-core-parent. Prints its JFT (handle 5 inherited from the parent,
; handle 6 not: it was opened with the no-inherit bit), writes a line to handle 5, tries handle
; 6 (error 6, invalid handle), and exits with return code 42. It also shows INT 22h-24h as DOS
; saved them in its PSP (0Ah, 0Eh, 12h), then points INT 23h and 24h at handlers of its own (25h)
; and shows them (35h): its parent must get its own back when the child ends.
    org 0x100
%include "dos-core-lib.inc"

start:
    SAY 'CHILDJFT='
    mov si, 0x18
    mov cx, 8
    call print_bytes
    DOS 0x62
    HEX 'CHILDPSP', bx
    HEX 'CHILDPARENT', [0x16]

    SAY 'PSP22='
    mov si, 0x0A
    call print_far
    SAY 'PSP23='
    mov si, 0x0E
    call print_far
    SAY 'PSP24='
    mov si, 0x12
    call print_far
    mov dx, child_break
    mov ax, 0x2523
    int 0x21
    mov dx, child_critical
    mov ax, 0x2524
    int 0x21
    mov ax, 0x3523
    int 0x21
    mov [vector], bx
    mov [vector + 2], es
    SAY 'CHILD23='
    mov si, vector
    call print_far
    mov ax, 0x3524
    int 0x21
    mov [vector], bx
    mov [vector + 2], es
    SAY 'CHILD24='
    mov si, vector
    call print_far

    mov bx, 5
    mov dx, line
    mov cx, line_len
    DOS 0x40
    CF 'W5'
    mov bx, 6
    mov dx, line
    mov cx, line_len
    DOS 0x40
    CF 'W6'
    mov bx, 6
    mov dx, buffer
    mov cx, 1
    DOS 0x3F
    CF 'R6'
    EXIT 42

child_break:                                ; never called: only its address matters
    iret
child_critical:
    mov al, 3
    iret

; Prints the far pointer at DS:SI as "ssss:oooo" CR LF.
print_far:
    push ax
    push dx
    mov ax, [si + 2]
    call print_hex16
    mov dl, ':'
    call putc
    mov ax, [si]
    call print_hex16
    call crlf
    pop dx
    pop ax
    ret

    CORELIB

line:       db 'child wrote', 13, 10
line_len    equ $ - line
buffer:     db 0
vector:     dd 0
