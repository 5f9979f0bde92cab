;! output: calls.bin
; Benchmark: CALL/RET and PUSH/POP. A recursive Fibonacci (near calls, BP frames, stack
; arguments, RET n) and a loop of far calls to a routine that saves and restores registers.
; Raw binary with CS=DS=ES=SS; ends with HLT.
        cpu 8086
        org 0

start:  mov ax, cs
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0xfffe
        mov [farptr+2], ax      ; the far pointer's segment is wherever we were loaded
        mov cx, 120             ; outer passes
outer:  push cx
        mov ax, 20
        push ax
        call fib                ; AX = fib(20)
        mov cx, 2000
.far:   call far [farptr]
        loop .far
        pop cx
        loop outer
        hlt

; fib(n) with n on the stack; result in AX.
fib:    push bp
        mov bp, sp
        push bx
        mov ax, [bp+4]
        cmp ax, 2
        jb .done
        dec ax
        push ax
        call fib
        mov bx, ax
        mov ax, [bp+4]
        sub ax, 2
        push ax
        call fib
        add ax, bx
.done:  pop bx
        pop bp
        ret 2

; A far routine that saves what it uses.
work:   push ax
        push bx
        push dx
        pushf
        mov ax, 3
        mov bx, 5
        mul bx
        popf
        pop dx
        pop bx
        pop ax
        retf

farptr: dw work, 0              ; segment filled in at start
