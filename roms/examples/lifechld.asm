; lifechld: the child lifelog EXECs: says hello and exits with code 7.
    cpu 8086
    org 0x100

start:
    mov dx, message
    mov ah, 0x09
    int 0x21
    mov ax, 0x4C07
    int 0x21

message db 'lifechld: hello from the child', 13, 10, '$'
