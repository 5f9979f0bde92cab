; sec-race: opens TARGET.TXT 2000 times and reads its first 6 bytes, while a host process keeps
; swapping TARGET.TXT between a file inside the drive ("inside") and a link to a file outside
; ("secret"). Prints how many opens succeeded and how many read the outside file (issue 14: a
; check-then-open race must never hand the guest the outside file).
%include "dos-files-lib.inc"

start:
    mov cx, 2000
.again:
    push cx
    mov dx, n_target
    mov ax, 0x3D00
    int 0x21
    jc .next
    inc word [opened]
    mov bx, ax
    mov dx, buf
    mov cx, 6
    DOS 0x3F
    DOS 0x3E
    mov si, buf
    mov di, secret
    mov cx, 6
    repe cmpsb
    jne .next
    inc word [leaks]
.next:
    pop cx
    loop .again
    VALUE 'leaks', [leaks]
    cmp word [opened], 0
    je .none
    PRINTLN 'opened some'
.none:
    EXIT 0

    LIBCODE

n_target: db 'TARGET.TXT', 0
secret:   db 'secret'
buf:      times 8 db 0
opened:   dw 0
leaks:    dw 0
