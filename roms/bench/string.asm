;! output: string.bin
; Benchmark: string instructions. Each outer pass copies a 4 KiB block with REP MOVSW, fills it
; with REP STOSB, compares it with REPE CMPSB, searches it with REPNE SCASB, and runs a
; LODSB/STOSB transform loop. Raw binary with CS=DS=ES=SS; ends with HLT.
        cpu 8086
        org 0

BLOCK   equ 4096

start:  mov ax, cs
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0xfffe
        cld
        mov dx, 2000            ; outer passes
outer:  mov si, src             ; copy src -> dst, words
        mov di, dst
        mov cx, BLOCK / 2
        rep movsw
        mov di, dst             ; fill dst with 55h
        mov al, 0x55
        mov cx, BLOCK
        rep stosb
        mov si, dst             ; compare dst with itself (runs to the end)
        mov di, dst
        mov cx, BLOCK
        repe cmpsb
        mov di, dst             ; look for a byte that is not there
        mov al, 0xaa
        mov cx, BLOCK
        repne scasb
        mov si, src             ; transform src -> dst one byte at a time
        mov di, dst
        mov cx, 512
.xf:    lodsb
        add al, 3
        stosb
        loop .xf
        dec dx
        jnz outer
        hlt

        align 16
src:    times BLOCK db 0x11
dst:    times BLOCK db 0
