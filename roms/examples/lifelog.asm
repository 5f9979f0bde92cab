; lifelog: the guest side of examples/vdd/lifecycle. Registers the LIFECYCLE VDD (whose init
; routine installs user hooks), EXECs LIFECHLD.COM from its own folder twice, and asks the VDD
; for a summary.
;   vdm86 --vdd examples/vdd/lifecycle/lifecycle.ts roms/examples/lifelog.com
    cpu 8086
    org 0x100
%include "isvbop.inc"

start:
    mov si, vdd_name
    mov di, init_name
    mov bx, dispatch_name
    RegisterModule
    jc no_vdd
    mov [vdd], ax

    mov bx, 0x1000              ; keep 64 KiB, give the rest back for the child
    mov ah, 0x4A
    int 0x21
    call child_path

    mov cx, 2
.twice:
    push cx
    call run_child
    pop cx
    loop .twice

    mov ax, [vdd]
    DispatchCall                ; the VDD prints its summary
    mov ax, 0x4C00
    int 0x21

; run_child: EXECs the child and prints its exit code.
run_child:
    mov dx, msg_exec
    mov ah, 0x09
    int 0x21
    mov [param_tail + 2], cs
    mov [param_fcb + 2], cs
    mov [param_fcb + 6], cs
    mov [save_sp], sp
    mov dx, path
    mov bx, param
    mov ax, 0x4B00
    int 0x21
    mov cx, cs                  ; DOS 2 did not keep SS:SP across EXEC; restore them
    mov ss, cx
    mov sp, [cs:save_sp]
    push cs
    pop ds
    push cs
    pop es
    jc .failed
    mov ah, 0x4D
    int 0x21
    add al, '0'
    mov [msg_code_digit], al
    mov dx, msg_code
    mov ah, 0x09
    int 0x21
    ret
.failed:
    mov dx, msg_exec_failed
    mov ah, 0x09
    int 0x21
    ret

; child_path: builds "<this program's folder>\LIFECHLD.COM" in `path` from the full program
; name DOS stores after the environment strings.
child_path:
    push ds
    mov ds, [0x2C]              ; environment segment
    xor si, si
.var:
    cmp byte [si], 0            ; an empty string ends the variables
    je .end_vars
.skip:
    lodsb
    or al, al
    jnz .skip
    jmp .var
.end_vars:
    add si, 3                   ; the 00, then the word count of strings that follow
    mov di, path
    mov bx, di                  ; BX = just past the last backslash so far
.copy:
    lodsb
    mov [es:di], al
    inc di
    cmp al, '\'
    jne .not_sep
    mov bx, di
.not_sep:
    or al, al
    jnz .copy
    pop ds
    mov di, bx
    mov si, child_name
.name:
    lodsb
    stosb
    or al, al
    jnz .name
    ret

no_vdd:
    mov dx, msg_no_vdd
    mov ah, 0x09
    int 0x21
    mov ax, 0x4C01
    int 0x21

vdd_name        db 'LIFECYCLE', 0
init_name       db 'LifecycleInit', 0
dispatch_name   db 'LifecycleDispatch', 0
child_name      db 'LIFECHLD.COM', 0
msg_no_vdd      db 'the LIFECYCLE VDD is not loaded (vdm86 --vdd examples/vdd/lifecycle/lifecycle.ts)', 13, 10, '$'
msg_exec        db 'lifelog: running LIFECHLD.COM', 13, 10, '$'
msg_exec_failed db 'lifelog: EXEC failed', 13, 10, '$'
msg_code        db 'lifelog: child exit code '
msg_code_digit  db '0', 13, 10, '$'
vdd             dw 0
save_sp         dw 0
param           dw 0                        ; the parent's environment
param_tail      dw empty_tail, 0
param_fcb       dw empty_fcb, 0, empty_fcb, 0
empty_tail      db 0, 13
empty_fcb       db 0, '           ', 0, 0, 0, 0
path            times 128 db 0
