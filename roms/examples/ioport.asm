; ioport: the guest side of examples/vdd/ioport. Drives the VDD's checksum device with plain OUT
; and IN (no BOP at all), then computes the same Fletcher-16 itself to show they agree.
;   vdm86 --vdd examples/vdd/ioport/ioport.ts roms/examples/ioport.com
    cpu 8086
    org 0x100

CONTROL equ 0x3A0
DATA    equ 0x3A1
SUM     equ 0x3A2

start:
    mov dx, CONTROL
    out dx, al                  ; reset
    mov si, message
    mov cx, message_length
    mov dx, DATA
.feed:
    lodsb
    out dx, al
    loop .feed

    mov dx, msg_device
    call print
    mov dx, SUM
    in ax, dx                   ; the word handler: sum2:sum1
    call print_hex16
    mov dx, msg_bytes
    call print
    mov dx, SUM + 1
    in al, dx                   ; the byte handlers: sum2, then sum1
    mov ah, al
    mov dx, SUM
    in al, dx
    call print_hex16
    mov dx, msg_count
    call print
    mov dx, CONTROL
    in al, dx
    xor ah, ah
    call print_hex16

    ; the same checksum computed here
    xor bx, bx                  ; BL = sum1, BH = sum2
    mov si, message
    mov cx, message_length
.sum:
    lodsb
    xor ah, ah
    add al, bl
    adc ah, 0
    call mod255
    mov bl, al
    mov al, bh
    xor ah, ah
    add al, bl
    adc ah, 0
    call mod255
    mov bh, al
    loop .sum
    mov dx, msg_guest
    call print
    mov ax, bx
    call print_hex16
    mov dx, msg_crlf
    call print
    mov ax, 0x4C00
    int 0x21

; AL = AX mod 255 (AX < 510)
mod255:
    cmp ax, 255
    jb .done
    sub ax, 255
.done:
    ret

print:
    mov ah, 0x09
    int 0x21
    ret

; AX as four hex digits
print_hex16:
    push ax
    push cx
    push dx
    mov cx, 4
.digit:
    rol ax, 1
    rol ax, 1
    rol ax, 1
    rol ax, 1
    push ax
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'A' - '0' - 10
.out:
    mov dl, al
    mov ah, 0x02
    int 0x21
    pop ax
    loop .digit
    pop dx
    pop cx
    pop ax
    ret

message         db 'Hello from a DOS program to a TypeScript device!'
message_length  equ $ - message
msg_device      db 'device checksum (word IN): $'
msg_bytes       db 13, 10, 'device checksum (byte INs): $'
msg_count       db 13, 10, 'bytes fed: $'
msg_guest       db 13, 10, 'computed by the guest: $'
msg_crlf        db 13, 10, '$'
