; execloop: the EXEC side of a DOS tool (a make or a batch driver). Runs EXECKID.COM 50 times
; with INT 21h/4B00h, passing the run number in the command tail, reads each return code with
; 4Dh and sums them (the child returns 3 x its number: 3 x (1 + ... + 50) = 3825). Prints a dot
; per run and the total; exits 0 when the total is right, 1 otherwise. Whole-program benchmark
; for npm run bench.
    org 0x100
%include "bench-lib.inc"

RUNS     equ 50
EXPECTED equ 3 * RUNS * (RUNS + 1) / 2

start:
    mov sp, stack_top
    mov bx, (image_end - start + 0x100 + 15) / 16
    DOS 0x4A                            ; give back the memory past the image
    jc fail
    mov [block + 4], cs                 ; segments of the command tail and the FCBs
    mov [block + 8], cs
    mov [block + 12], cs
    mov word [run], 1
.next:
    ; The command tail " N", CR.
    mov di, tail + 1
    mov al, ' '
    stosb
    mov ax, [run]
    call decimal
    mov byte [di], 13
    mov ax, di
    sub ax, tail + 1
    mov [tail], al
    mov bx, block
    mov dx, child_name
    mov ax, 0x4B00
    int 0x21
    jc fail
    DOS 0x4D                            ; AL = the child's return code
    xor ah, ah
    add [total], ax
    mov dl, '.'
    DOS 0x02
    inc word [run]
    cmp word [run], RUNS
    jbe .next

    PRINTMSG msg_total
    mov ax, [total]
    call print_dec
    PRINTMSG msg_crlf
    cmp word [total], EXPECTED
    jne fail
    mov ax, 0x4C00
    int 0x21

fail:
    PRINTMSG msg_fail
    mov ax, 0x4C01
    int 0x21

; Stores AX in decimal at ES:DI, advancing DI.
decimal:
    mov bx, 10
    xor cx, cx
.digit:
    xor dx, dx
    div bx
    push dx
    inc cx
    or ax, ax
    jnz .digit
.out:
    pop ax
    add al, '0'
    stosb
    loop .out
    ret

    PRINTCODE
    PRINTDEC

child_name: db 'EXECKID.COM', 0
msg_total:  db 13, 10, 'execloop: 50 runs, return codes sum to $'
msg_crlf:   db 13, 10, '$'
msg_fail:   db 13, 10, 'execloop: FAILED', 13, 10, '$'

    align 2
run:        dw 0
total:      dw 0
block:      dw 0                        ; environment: the parent's
            dw tail, 0
            dw fcb, 0
            dw fcb, 0
tail:       times 16 db 0
fcb:        times 16 db 0
            times 256 db 0
stack_top:
image_end:
