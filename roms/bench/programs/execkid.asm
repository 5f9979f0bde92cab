; execkid: the child that execloop runs. Reads the decimal number in its command tail and exits
; with three times it (mod 256) as its return code.
    org 0x100
    cpu 8086

start:
    mov si, 0x81                        ; command tail
    xor ax, ax
    mov bx, 10
.skip:
    mov cl, [si]
    cmp cl, ' '
    jne .digits
    inc si
    jmp .skip
.digits:
    mov cl, [si]
    sub cl, '0'
    cmp cl, 9
    ja .done
    mul bx
    add al, cl
    adc ah, 0
    inc si
    jmp .digits
.done:
    mov cx, ax
    add ax, cx
    add ax, cx
    mov ah, 0x4C
    int 0x21
