;! output: mixed.bin
; Benchmark: a mixed ALU / memory / branch loop, the shape of ordinary compiled code (table
; lookups, read-modify-write of an array, compares and conditional branches, shifts, a LOOP).
; Raw binary, loaded at offset 0 of any segment with CS=DS=ES=SS; ends with HLT.
; 16 instructions per inner pass (plus the branch not taken); 400 x 8192 passes.
        cpu 8086
        org 0

start:  mov ax, cs
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0xfffe
        mov dx, 400             ; outer passes
outer:  mov cx, 8192            ; inner passes
        mov si, table
        xor bx, bx
        xor di, di
inner:  mov al, [si]            ; load an element
        add bl, al              ; 16-bit running sum in BX
        adc bh, 0
        xor al, 0x5a            ; transform it and store it back
        mov [si], al
        mov ah, al
        and ah, 0x0f
        cmp ah, 8               ; a data-dependent branch
        jb .low
        add di, ax
        jmp short .next
.low:   sub di, bx
.next:  shl di, 1
        inc si
        and si, 0x00ff          ; table is 256 bytes at offset 0 of its own page
        or si, table
        loop inner
        dec dx
        jnz outer
        hlt

        align 256
table:  times 256 db 0x37
