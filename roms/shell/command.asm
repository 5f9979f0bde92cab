;! output: COMMAND.COM
; vdm86's COMMAND.COM: the guest half of the shell. It owns its PSP, its environment, its INT 23h
; and INT 2Eh handlers and a scratch area, and serves the TypeScript half (src/shell/) in a loop:
; BOP SHELL reports the last result in a request block, and TypeScript answers with the next
; request in that block: issue INT 21h with these registers, return from this session, or exit.
; Every DOS call the shell makes is a real INT 21h from this program, so redirection, handles and
; TSRs hooking INT 21h see the shell as they would see MS-DOS's COMMAND.COM.
%include "bop.inc"

BOP_SHELL   equ 0xF4                ; src/cpu/bop.ts BOP_INTERNAL.SHELL

; Request block (src/shell/protocol.ts BLOCK): op, the registers of an INT 21h, and the place the
; guest keeps its own SS:SP while a call runs (EXEC changes everything but CS:IP).
B_OP        equ 0x00
B_AX        equ 0x02
B_BX        equ 0x04
B_CX        equ 0x06
B_DX        equ 0x08
B_SI        equ 0x0A
B_DI        equ 0x0C
B_DS        equ 0x0E
B_ES        equ 0x10
B_FLAGS     equ 0x12
B_SCRATCH   equ 0x14                ; offset of the scratch area (set at start)
B_SCRATCHSZ equ 0x16
B_SAVESS    equ 0x18
B_SAVESP    equ 0x1A
B_VECTOR    equ 0x1C                ; the interrupt REQ_INT issues (21h, or 10h for CLS)
B_SIZE      equ 0x1E

; op, guest -> TypeScript
OP_START    equ 1                   ; a new shell: the PSP tail says what to do
OP_RESULT   equ 2                   ; the INT 21h asked for is done: registers and flags in the block
OP_BREAK    equ 3                   ; Ctrl-C reached our INT 23h handler
OP_INT2E    equ 4                   ; INT 2Eh: run the command at B_DS:B_SI (count byte, text, CR)
; op, TypeScript -> guest
REQ_INT     equ 1                   ; issue INT B_VECTOR with the block's registers
REQ_RETURN  equ 2                   ; leave this session with AX = B_AX
REQ_EXIT    equ 3                   ; restore INT 2Eh, end with INT 21h/4Ch, AL = B_AX

SCRATCH_SIZE equ 0x2000
STACK_SIZE   equ 0x800

    org 0x100
start:
    jmp init

main_block:  times B_SIZE db 0
int2e_block: times B_SIZE db 0
break_block: times B_SIZE db 0
cur_block    dw 0
tmp_bx       dw 0
tmp_flags    dw 0
old_2e       dd 0

; serve: runs requests for the block at CS:BX until TypeScript says return (AX = its value).
serve:
    mov word [cs:bx + B_SCRATCH], scratch
    mov word [cs:bx + B_SCRATCHSZ], SCRATCH_SIZE
.next:
    push cs
    pop ds
    BOP BOP_SHELL
    mov ax, [cs:bx + B_OP]
    cmp ax, REQ_INT
    je .int
    cmp ax, REQ_RETURN
    je .return
    ; REQ_EXIT (or anything unknown): end the program
    push ds
    lds dx, [cs:old_2e]
    mov ax, 0x252E
    int 0x21
    pop ds
    mov ax, [cs:bx + B_AX]
    mov ah, 0x4C
    int 0x21
.return:
    mov ax, [cs:bx + B_AX]
    ret
.int:
    mov al, [cs:bx + B_VECTOR]
    mov [cs:.intop + 1], al             ; INT nn with nn from the block
    jmp short .go
.go:
    mov [cs:cur_block], bx
    mov [cs:bx + B_SAVESS], ss
    mov [cs:bx + B_SAVESP], sp
    mov ax, [cs:bx + B_AX]
    mov cx, [cs:bx + B_CX]
    mov dx, [cs:bx + B_DX]
    mov si, [cs:bx + B_SI]
    mov di, [cs:bx + B_DI]
    push word [cs:bx + B_DS]
    push word [cs:bx + B_ES]
    mov bx, [cs:bx + B_BX]
    pop es
    pop ds
.intop:
    int 0x21
    mov [cs:tmp_bx], bx
    pushf
    pop word [cs:tmp_flags]
    mov bx, [cs:cur_block]
    mov [cs:bx + B_AX], ax
    mov [cs:bx + B_CX], cx
    mov [cs:bx + B_DX], dx
    mov [cs:bx + B_SI], si
    mov [cs:bx + B_DI], di
    mov [cs:bx + B_DS], ds
    mov [cs:bx + B_ES], es
    mov ax, [cs:tmp_bx]
    mov [cs:bx + B_BX], ax
    mov ax, [cs:tmp_flags]
    mov [cs:bx + B_FLAGS], ax
.resume:                                ; back on serve's own stack, report a result (BX: block)
    cli
    mov ss, [cs:bx + B_SAVESS]
    mov sp, [cs:bx + B_SAVESP]
    sti
    cld
    mov word [cs:bx + B_OP], OP_RESULT
    jmp .next

; INT 23h: tell TypeScript, then end the child that is running (CF set and RETF: DOS terminates
; it, and EXEC returns to us), or, when the shell itself was in DOS (reading a key for PAUSE or
; the prompt), abandon that call as MS-DOS's COMMAND.COM does: back on the serve loop's own stack,
; report a result, and TypeScript, seeing the break, goes on with "Terminate batch job" or a new
; prompt.
on_ctrl_c:
    push ax
    push bx
    push ds
    push cs
    pop ds
    mov bx, break_block
    mov word [bx + B_OP], OP_BREAK
    BOP BOP_SHELL
    mov ah, 0x51
    int 0x21
    mov ax, cs
    cmp bx, ax
    pop ds
    pop bx
    pop ax
    je .own
    stc
    retf
.own:
    mov bx, [cs:cur_block]
    jmp serve.resume

; INT 2Eh: DS:SI -> count byte, command, CR. Runs it in this shell; AX = its errorlevel.
on_int2e:
    push bx
    push cx
    push dx
    push si
    push di
    push bp
    push ds
    push es
    push word [cs:cur_block]
    mov [cs:int2e_block + B_DS], ds
    mov [cs:int2e_block + B_SI], si
    mov bx, int2e_block
    mov word [cs:bx + B_OP], OP_INT2E
    call serve
    pop word [cs:cur_block]
    pop es
    pop ds
    pop bp
    pop di
    pop si
    pop dx
    pop cx
    pop bx
    iret

init:
    cld
    mov sp, stack_top
    mov bx, (image_end - start + 0x100 + 15) >> 4
    mov ah, 0x4A                        ; give back the memory children will need
    int 0x21
    mov ax, 0x352E
    int 0x21
    mov [old_2e], bx
    mov [old_2e + 2], es
    push cs
    pop es
    mov dx, on_ctrl_c
    mov ax, 0x2523
    int 0x21
    mov dx, on_int2e
    mov ax, 0x252E
    int 0x21
    mov bx, main_block
    mov word [bx + B_OP], OP_START
    call serve
    mov ah, 0x4C
    int 0x21

file_end:
; Memory past the file: the scratch area TypeScript fills (paths, DTA, EXEC blocks, file data),
; then the stack. Not stored in the file; INT 21h/4Ah above keeps it.
    absolute file_end
    alignb 16
scratch:    resb SCRATCH_SIZE
stack:      resb STACK_SIZE
stack_top:
image_end:
