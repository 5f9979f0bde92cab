; dos-core-tsr: a TSR that opens files on behalf of the program that calls it. It hooks INT 60h
; and stays resident (31h, keeping only its resident part). On INT 60h with DS:DX -> a file name
; it reads the caller's PSP (51h), makes its own PSP current (as a TSR does while active), then
; switches to the caller's PSP (50h) to open the file so the handle lands in the caller's JFT,
; switches back to its own, and finally restores the caller's PSP before returning.
; Returns AX = handle (CF clear) or the error (CF set), BX = the PSP it saw.
    org 0x100
%include "dos-core-lib.inc"

start:
    jmp install

; ---------------------------------------------------------------- resident part
my_psp:     dw 0
app_psp:    dw 0
result:     dw 0
result_cf:  db 0

int60:
    sti
    push cx
    push dx
    push ds
    mov ah, 0x51
    int 0x21
    mov [cs:app_psp], bx
    mov bx, [cs:my_psp]                     ; the TSR's own context while it works
    mov ah, 0x50
    int 0x21
    mov bx, [cs:app_psp]                    ; open on behalf of the application
    mov ah, 0x50
    int 0x21
    mov ax, 0x3D00
    int 0x21
    mov [cs:result], ax
    mov byte [cs:result_cf], 0
    jnc .opened
    mov byte [cs:result_cf], 1
.opened:
    mov bx, [cs:my_psp]                     ; back to the TSR's own PSP
    mov ah, 0x50
    int 0x21
    mov bx, [cs:app_psp]                    ; and the caller's again before returning
    mov ah, 0x50
    int 0x21
    pop ds
    pop dx
    pop cx
    mov ax, [cs:result]
    mov bx, [cs:app_psp]
    ; Return the open's CF in the flags the INT pushed.
    push bp
    mov bp, sp
    and word [bp + 6], 0xFFFE
    cmp byte [cs:result_cf], 0
    je .ret
    or word [bp + 6], 1
.ret:
    pop bp
    iret
resident_end:

; ---------------------------------------------------------------- installation (discarded)
install:
    DOS 0x62
    mov [my_psp], bx
    HEX 'TSRPSP', bx
    mov dx, int60
    mov ax, 0x2560
    int 0x21
    SAY 'TSR=installed', 13, 10
    ; Free the environment (a TSR keeps only what it needs), then stay with the resident part.
    mov es, [0x2C]
    DOS 0x49
    mov dx, (resident_end - start + 0x100 + 15) / 16
    mov ax, 0x3100
    int 0x21

    CORELIB
