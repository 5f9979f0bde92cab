; hostfile: the guest side of examples/vdd/hostfile. Asks the HOSTFILE VDD to open the host file
; named on the command line, reads it with INT 21h/3Fh, copies it to standard output with 40h
; and closes it with 3Eh (which closes the host file too).
;   vdm86 --vdd examples/vdd/hostfile/hostfile.ts roms/examples/hostfile.com /etc/hostname
    cpu 8086
    org 0x100
%include "isvbop.inc"

start:
    ; the command tail (PSP:81h, length at 80h) without its blanks becomes the path
    mov si, 0x81
    xor ch, ch
    mov cl, [0x80]
.skip:
    jcxz usage
    cmp byte [si], ' '
    jne .found
    inc si
    dec cx
    jmp .skip
.found:
    mov [path], si
    add si, cx
.trim:
    dec si
    cmp byte [si], ' '
    je .trim
    mov byte [si + 1], 0

    mov si, vdd_name            ; RegisterModule: DS:SI DLL, ES:DI init, DS:BX dispatch
    mov di, init_name
    mov bx, dispatch_name
    RegisterModule
    jc no_vdd
    mov [vdd], ax

    mov si, [path]              ; DispatchCall (AX = VDD handle), DX = 1: open the file
    mov dx, 1                   ; named at DS:SI; back with AX = DOS handle
    mov ax, [vdd]
    DispatchCall
    jc no_file
    mov [handle], ax

.copy:
    mov bx, [handle]
    mov cx, buffer_size
    mov dx, buffer
    mov ah, 0x3F
    int 0x21
    jc read_error
    or ax, ax
    jz .done
    mov cx, ax
    mov bx, 1
    mov dx, buffer
    mov ah, 0x40
    int 0x21
    jmp .copy
.done:
    mov bx, [handle]
    mov ah, 0x3E
    int 0x21
    mov ax, [vdd]
    UnRegisterModule
    mov ax, 0x4C00
    int 0x21

usage:
    mov dx, msg_usage
    jmp fail
no_vdd:
    mov dx, msg_no_vdd
    jmp fail
no_file:
    mov dx, msg_no_file
    jmp fail
read_error:
    mov dx, msg_read
fail:
    mov ah, 0x09
    int 0x21
    mov ax, 0x4C01
    int 0x21

vdd_name        db 'HOSTFILE.DLL', 0
init_name       db 'HostFileInit', 0
dispatch_name   db 'HostFileDispatch', 0
msg_usage       db 'usage: hostfile HOST-PATH', 13, 10, '$'
msg_no_vdd      db 'the HOSTFILE VDD is not loaded (vdm86 --vdd examples/vdd/hostfile/hostfile.ts)', 13, 10, '$'
msg_no_file     db 'the VDD could not open that file', 13, 10, '$'
msg_read        db 'read error', 13, 10, '$'
path            dw 0
vdd             dw 0
handle          dw 0
buffer_size     equ 128
buffer          times buffer_size db 0
