; HELLO.COM: the README's first program. Prints a greeting, the DOS version and its command
; tail, then exits with return code 0.
    cpu 8086
    org 0x100

start:
    mov dx, greeting
    mov ah, 0x09                ; print $-terminated string
    int 0x21

    mov ah, 0x30                ; DOS version: AL major, AH minor
    int 0x21
    push ax
    call print_digit            ; major (AL)
    mov dl, '.'
    mov ah, 0x02
    int 0x21
    pop ax
    mov al, ah                  ; minor, two digits
    aam                         ; AH = tens, AL = units
    push ax
    mov al, ah
    call print_digit
    pop ax
    call print_digit

    mov dx, tail_label
    mov ah, 0x09
    int 0x21
    mov si, 0x81                ; command tail, ends in 0Dh
.tail:
    lodsb
    cmp al, 0x0D
    je .done
    mov dl, al
    mov ah, 0x02
    int 0x21
    jmp .tail
.done:
    mov dx, crlf
    mov ah, 0x09
    int 0x21
    mov ax, 0x4C00              ; exit, return code 0
    int 0x21

print_digit:                    ; AL = 0-9
    mov dl, al
    add dl, '0'
    mov ah, 0x02
    int 0x21
    ret

greeting   db 'Hello from vdm86! DOS version $'
tail_label db 13, 10, 'Command tail:$'
crlf       db 13, 10, '$'
