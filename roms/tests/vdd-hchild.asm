; vdd-hchild: the child vdd-handles EXECs in its "I" scenario. Handle 5 came from the VDD as
; inheritable, handle 6 with the no-inherit bit: the first reads, the second is not there (6).
    cpu 8086
    org 0x100
%include "vdd-lib.inc"

start:
    PRINT 'child reads 5: '
    mov bx, 5
    call read5
    PRINT 'child reads 6: '
    mov bx, 6
    call read5
    mov al, 3
    jmp exit

read5:
    mov cx, 5
    mov dx, buffer
    mov ah, 0x3F
    int 0x21
    call report
    jc .done
    mov cx, ax
    mov bx, 1
    mov dx, buffer
    mov ah, 0x40
    int 0x21
    call crlf
.done:
    ret

LIBCODE

buffer  times 16 db 0
