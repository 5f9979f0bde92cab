; dos-core-con: the character functions and the ways a program ends. The first letter of the
; command tail picks a scenario:
;   B  basic console: 09h (TAB expansion), 0Ah (editing, a full buffer), 01h, 08h, 0Bh, 06h, 07h, 0Ch
;   C  Ctrl-C at 01h with the default INT 23h (the program ends, type 1)
;   I  Ctrl-C with a handler that IRETs (the read restarts)
;   R  Ctrl-C with a handler that RETFs with CF set (the program ends)
;   Z  BREAK ON (33h): a Ctrl-C waiting is seen by a non-console call (Y: BREAK OFF, it is not)
;   P  the CP/M entry (CALL 5): output, string, a number above 24h, terminate
;   W  a handle write (40h) to the console checks for Ctrl-C before writing
;   X  Ctrl-Break (INT 1Bh, as the BIOS calls it): the next console read sees Ctrl-C
;   T  INT 20h      D  divide overflow      K  INT 27h (stay resident)
;   O  standard output redirected to a file (dup2), then back
;   N  standard input redirected from a file
    org 0x100
%include "dos-core-lib.inc"

start:
    mov al, [0x82]                          ; first character after the tail's blank
    and al, 0xDF
    mov si, scenarios
.find:
    cmp byte [si], 0
    je .none
    cmp [si], al
    je .go
    add si, 3
    jmp .find
.go:
    jmp [si + 1]
.none:
    SAY 'NOSCENARIO', 13, 10
    EXIT 1

scenarios:
    db 'B'
    dw basic
    db 'C'
    dw ctrlc_default
    db 'I'
    dw ctrlc_iret
    db 'R'
    dw ctrlc_retf
    db 'Z'
    dw break_on
    db 'Y'
    dw break_off
    db 'W'
    dw write_console
    db 'X'
    dw ctrl_break
    db 'P'
    dw cpm
    db 'T'
    dw int20
    db 'D'
    dw divide
    db 'K'
    dw int27
    db 'O'
    dw redirect_out
    db 'N'
    dw redirect_in
    db 0

; ---------------------------------------------------------------- B
basic:
    mov dx, tabtext
    DOS 0x09
    HEX 'AL09', ax
    mov byte [buf], 20
    mov dx, buf
    DOS 0x0A
    call show_buf
    mov byte [buf], 20
    mov dx, buf
    DOS 0x0A
    call show_buf
    mov byte [buf], 4                       ; room for 3 characters and the CR
    mov dx, buf
    DOS 0x0A
    call show_buf
    DOS 0x01
    call crlf
    HEX 'GOT01', ax
    DOS 0x08
    HEX 'GOT08', ax
    DOS 0x0B
    HEX 'STATUS', ax
    mov dl, 0xFF
    DOS 0x06
    call show_zf
    HEX 'GOT06', ax
    DOS 0x07
    HEX 'GOT07', ax
    mov ax, 0x0C01                          ; flush what is left, then read: input has ended
    int 0x21
    call crlf
    HEX 'GOT0C', ax
    mov dl, 0xFF
    DOS 0x06
    call show_zf
    HEX 'EMPTY06', ax
    DOS 0x0B
    HEX 'STATUS2', ax
    mov dl, 'x'
    DOS 0x02
    call crlf
    HEX 'AL02', ax
    EXIT 0

show_buf:
    push ax
    mov al, [buf + 1]
    xor ah, ah
    HEX 'LEN', ax
    SAY 'BUF='
    mov si, buf + 2
    mov cx, ax
    inc cx
    call print_bytes
    pop ax
    ret

show_zf:
    jz .z
    SAY 'ZF=0', 13, 10
    ret
.z:
    SAY 'ZF=1', 13, 10
    ret

; ---------------------------------------------------------------- C, I, R, Z
ctrlc_default:
    DOS 0x01
    SAY 'AFTER', 13, 10
    EXIT 9

ctrlc_iret:
    mov dx, handler_iret
    mov ax, 0x2523
    int 0x21
    DOS 0x01
    call crlf
    HEX 'GOT', ax
    EXIT 3

handler_iret:
    SAY 'HANDLER', 13, 10
    iret

ctrlc_retf:
    mov dx, handler_retf
    mov ax, 0x2523
    int 0x21
    DOS 0x01
    SAY 'AFTER', 13, 10
    EXIT 9

handler_retf:
    SAY 'HANDLER', 13, 10
    stc
    retf

; Z and Y: a Ctrl-C is waiting from the start. With BREAK ON (Z) the non-console call 30h sees
; it and the program ends before making MARKER.TXT; with BREAK OFF (Y) 30h does not look, the
; file gets made, and the next console output sees the Ctrl-C. (No output before: 02h checks.)
break_on:
    mov ax, 0x3301
    mov dl, 1
    int 0x21
break_off:
    DOS 0x30
    mov dx, marker_name
    xor cx, cx
    DOS 0x3C
    mov bx, ax
    DOS 0x3E
    SAY 'AFTER', 13, 10
    EXIT 9

write_console:
    mov bx, 1
    mov dx, filetext
    mov cx, 7
    DOS 0x40
    EXIT 9

ctrl_break:
    int 0x1B
    DOS 0x01
    SAY 'AFTER', 13, 10
    EXIT 9

; ---------------------------------------------------------------- P
cpm:
    mov cl, 0x02
    mov dl, 'C'
    call 5
    mov cl, 0x09
    mov dx, cpmtext
    call 5
    mov al, 0x77
    mov cl, 0x30                            ; above 24h: AL = 0, nothing else
    call 5
    HEX 'CPM30', ax
    mov cl, 0x00
    call 5
    SAY 'AFTER', 13, 10
    EXIT 9

; ---------------------------------------------------------------- T, D, K
int20:
    SAY 'INT20', 13, 10
    int 0x20
    SAY 'AFTER', 13, 10
    EXIT 9

divide:
    xor ax, ax
    xor bx, bx
    div bx
    SAY 'AFTER', 13, 10
    EXIT 9

int27:
    SAY 'INT27', 13, 10
    mov dx, resident_end
    int 0x27
resident_end:

; ---------------------------------------------------------------- O, N
redirect_out:
    mov dx, out_name
    xor cx, cx
    DOS 0x3C
    mov [file], ax
    mov bx, 1
    DOS 0x45                                ; keep the console
    mov [saved], ax
    mov bx, [file]
    mov cx, 1
    DOS 0x46                                ; handle 1 is now the file
    mov dx, filetext
    DOS 0x09
    mov dl, 'X'
    DOS 0x02
    mov bx, [saved]
    mov cx, 1
    DOS 0x46                                ; handle 1 is the console again
    mov bx, [file]
    DOS 0x3E
    SAY 'BACK', 13, 10
    EXIT 0

redirect_in:
    mov dx, in_name
    mov ax, 0x3D00
    int 0x21
    mov bx, ax
    xor cx, cx
    DOS 0x46                                ; handle 0 is now the file
    DOS 0x0B
    HEX 'STATUS', ax
    DOS 0x01
    call crlf
    HEX 'GOT1', ax
    DOS 0x08
    HEX 'GOT2', ax
    mov byte [buf], 20
    mov dx, buf
    DOS 0x0A
    call show_buf
    DOS 0x0B
    HEX 'STATUS2', ax
    DOS 0x08
    HEX 'GOTEOF', ax
    EXIT 0

    CORELIB

tabtext:    db 'TAB:', 9, 'X', 13, 10, '$'
cpmtext:    db 'PM', 13, 10, '$'
filetext:   db 'to file', 13, 10, '$'
out_name:   db 'OUT.TXT', 0
in_name:    db 'IN.TXT', 0
marker_name: db 'MARKER.TXT', 0
file:       dw 0
saved:      dw 0
buf:        times 24 db 0
