; dos-core-parent: EXEC and handle inheritance. Creates OUT.TXT (handle 5, inheritable) and
; opens IN.TXT for reading with the no-inherit bit (handle 6), writes a line to OUT.TXT, runs
; CHILD.COM (which writes to its inherited handle 5 and finds handle 6 closed), reads the child's
; return code with 4Dh, writes another line (the shared file position continues after the
; child's), and checks handle 6 still works here. Around the EXEC it shows INT 22h-24h (35h): it
; sets INT 23h and 24h to handlers of its own first, the child sets them to its own, and once the
; child has ended DOS has put back the parent's (from the child's PSP), with INT 22h at the
; instruction after the parent's EXEC call. Exits with return code 0.
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

    ; INT 23h (Ctrl-C) and 24h (critical error) to the parent's own handlers.
    mov dx, parent_break
    mov ax, 0x2523
    int 0x21
    mov dx, parent_critical
    mov ax, 0x2524
    int 0x21
    SAY 'BEFORE23='
    mov al, 0x23
    call print_vector
    SAY 'BEFORE24='
    mov al, 0x24
    call print_vector
    HEX 'EXECRET', exec_return

    mov bx, block
    mov dx, child_name
    mov ax, 0x4B00
    int 0x21
exec_return:
    CF 'EXEC'
    SAY 'AFTER22='
    mov al, 0x22
    call print_vector
    SAY 'AFTER23='
    mov al, 0x23
    call print_vector
    SAY 'AFTER24='
    mov al, 0x24
    call print_vector
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

parent_break:                               ; never called: only its address matters
    iret
parent_critical:
    mov al, 3                               ; fail the call
    iret

; Prints vector AL as DOS reports it (35h): "ssss:oooo" CR LF.
print_vector:
    push ax
    push bx
    push dx
    push es
    mov ah, 0x35
    int 0x21
    mov ax, es
    call print_hex16
    mov dl, ':'
    call putc
    mov ax, bx
    call print_hex16
    call crlf
    pop es
    pop dx
    pop bx
    pop ax
    ret

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
