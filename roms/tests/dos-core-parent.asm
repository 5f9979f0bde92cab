; dos-core-parent: EXEC and handle inheritance. Creates OUT.TXT (handle 5, inheritable) and
; opens IN.TXT for reading with the no-inherit bit (handle 6), writes a line to OUT.TXT, runs
; CHILD.COM (which writes to its inherited handle 5 and finds handle 6 closed), reads the child's
; return code with 4Dh, writes another line (the shared file position continues after the
; child's), and checks handle 6 still works here. Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM
    mov [block + 4], cs
    mov [block + 8], cs
    mov [block + 12], cs

    mov dx, out_name
    xor cx, cx
    DOS 0x3C
    CF 'CREATE'
    mov [h_out], ax
    HEX 'HOUT', ax
    mov dx, in_name
    mov ax, 0x3D80                          ; read access, no-inherit
    int 0x21
    CF 'OPENNOINH'
    mov [h_in], ax
    HEX 'HNOINH', ax

    mov bx, [h_out]
    mov dx, line1
    mov cx, line1_len
    DOS 0x40
    CF 'WRITE1'

    SAY 'PARENTJFT='
    mov si, 0x18
    mov cx, 8
    call print_bytes

    mov bx, block
    mov dx, child_name
    mov ax, 0x4B00
    int 0x21
    CF 'EXEC'
    DOS 0x4D
    HEX 'CODE', ax

    mov bx, [h_out]
    mov dx, line2
    mov cx, line2_len
    DOS 0x40
    CF 'WRITE2'
    mov bx, [h_out]
    DOS 0x3E
    CF 'CLOSEOUT'

    mov bx, [h_in]
    mov dx, buffer
    mov cx, 5
    DOS 0x3F
    CF 'READIN'
    SAY 'IN='
    mov si, buffer
    mov cx, 5
    call print_bytes
    EXIT 0

    CORELIB

out_name:   db 'OUT.TXT', 0
in_name:    db 'IN.TXT', 0
child_name: db 'CHILD.COM', 0
line1:      db 'parent before', 13, 10
line1_len   equ $ - line1
line2:      db 'parent after', 13, 10
line2_len   equ $ - line2
h_out:      dw 0
h_in:       dw 0
block:
    dw 0
    dw tail, 0
    dw 0x5C, 0
    dw 0x6C, 0
tail:       db 0, 13
buffer:     times 16 db 0
            times 256 db 0
stack_top:
end_of_program:
