; dmadisk: the guest side of examples/vdd/dmadisk, a DMA-driven block device. It programs DMA
; channel 1 through the 8237's real ports (mask, flip-flop, mode, address, page, count, unmask),
; starts the device with OUT, and waits for the device's interrupt on the IRQ line the VDD
; reserved (read from port 3B2h). Reads sector 0 and prints it, writes sector 2 from memory, reads
; sector 2 back and prints it, and checks the 8237's terminal-count status bit each time.
;   vdm86 --vdd examples/vdd/dmadisk/dmadisk.ts roms/examples/dmadisk.com
    cpu 8086
    org 0x100

DISK_SECTOR     equ 0x3B0       ; write: sector number
DISK_COMMAND    equ 0x3B1       ; write: 1 read sector (device to memory), 2 write sector
DISK_IRQ        equ 0x3B2       ; read: the device's IRQ line
SECTOR_SIZE     equ 128
DMA_CHANNEL     equ 1
DMA_ADDR1       equ 0x02        ; channel 1 address register
DMA_COUNT1      equ 0x03        ; channel 1 count register
DMA_STATUS      equ 0x08
DMA_MASK        equ 0x0A
DMA_MODE        equ 0x0B
DMA_FLIPFLOP    equ 0x0C
DMA_PAGE1       equ 0x83
MODE_TO_MEMORY  equ 0x44 | DMA_CHANNEL   ; single transfer, increment, "write" (device to memory)
MODE_TO_DEVICE  equ 0x48 | DMA_CHANNEL   ; single transfer, increment, "read" (memory to device)

start:
    mov dx, DISK_IRQ
    in al, dx
    cmp al, 7
    ja no_device
    mov [irq], al
    ; hook vector 08h + IRQ (INT 21h/35h and 25h), unmask the line at the PIC
    add al, 8
    mov [vector], al
    mov ah, 0x35
    int 0x21
    mov [old_off], bx
    mov [old_seg], es
    mov dx, on_irq
    mov al, [vector]
    mov ah, 0x25
    int 0x21
    mov cl, [irq]
    mov bl, 1
    shl bl, cl
    not bl
    in al, 0x21
    and al, bl
    out 0x21, al
    sti

    mov di, buf_read0
    mov al, MODE_TO_MEMORY
    mov ah, 1                   ; command 1: read
    mov bl, 0                   ; sector 0
    call transfer
    mov si, buf_read0
    call print_sector

    mov di, buf_write
    mov al, MODE_TO_DEVICE
    mov ah, 2                   ; command 2: write
    mov bl, 2
    call transfer

    mov di, buf_read2
    mov al, MODE_TO_MEMORY
    mov ah, 1
    mov bl, 2
    call transfer
    mov si, buf_read2
    call print_sector

    ; mask the line again and put the vector back
    mov cl, [irq]
    mov bl, 1
    shl bl, cl
    in al, 0x21
    or al, bl
    out 0x21, al
    push ds
    mov dx, [old_off]
    mov ds, [old_seg]
    mov al, [cs:vector]
    mov ah, 0x25
    int 0x21
    pop ds
    mov ax, 0x4C00
    int 0x21

no_device:
    mov dx, msg_no_device
    mov ah, 0x09
    int 0x21
    mov ax, 0x4C01
    int 0x21

; transfer: one sector through DMA channel 1. DI = buffer, AL = DMA mode, AH = device command,
; BL = sector. Waits for the device's IRQ; prints "DMA TC" once the 8237 reports terminal count.
transfer:
    push ax
    mov al, 4 | DMA_CHANNEL     ; mask channel 1 while programming it
    out DMA_MASK, al
    out DMA_FLIPFLOP, al        ; any value: the next byte is the low one
    pop ax
    out DMA_MODE, al
    ; the buffer's 20-bit address: DS * 16 + DI, low 16 bits to the channel, bits 16-19 to the page
    push ax
    mov ax, ds
    mov cl, 4
    rol ax, cl
    mov dx, ax
    and dx, 0x000F              ; page
    and ax, 0xFFF0
    add ax, di
    adc dx, 0
    out DMA_ADDR1, al
    mov al, ah
    out DMA_ADDR1, al
    mov al, dl
    out DMA_PAGE1, al
    mov ax, SECTOR_SIZE - 1     ; the 8237 counts bytes minus one
    out DMA_COUNT1, al
    mov al, ah
    out DMA_COUNT1, al
    mov al, DMA_CHANNEL         ; unmask channel 1
    out DMA_MASK, al
    pop ax
    mov byte [done], 0
    mov dx, DISK_SECTOR
    push ax
    mov al, bl
    out dx, al
    pop ax
    mov al, ah
    mov dx, DISK_COMMAND
    out dx, al
.wait:
    cmp byte [done], 0
    jne .done
    hlt
    jmp .wait
.done:
    in al, DMA_STATUS
    test al, 1 << DMA_CHANNEL
    jz .no_tc
    mov dx, msg_tc
    mov ah, 0x09
    int 0x21
.no_tc:
    ret

; print_sector: the text at DS:SI up to its first NUL (at most a sector), with INT 21h/40h.
print_sector:
    mov dx, si
    xor cx, cx
.len:
    cmp cx, SECTOR_SIZE
    je .write
    cmp byte [si], 0
    je .write
    inc si
    inc cx
    jmp .len
.write:
    mov bx, 1
    mov ah, 0x40
    int 0x21
    ret

on_irq:
    push ax
    mov byte [cs:done], 1
    mov al, 0x20                ; non-specific EOI
    out 0x20, al
    pop ax
    iret

irq             db 0
vector          db 0
done            db 0
old_off         dw 0
old_seg         dw 0
msg_no_device   db 'no DMADISK device (vdm86 --vdd examples/vdd/dmadisk/dmadisk.ts)', 13, 10, '$'
msg_tc          db 'DMA TC', 13, 10, '$'
buf_write       db 'Sector 2, written by the guest through DMA channel 1.', 13, 10, 0
                times SECTOR_SIZE - ($ - buf_write) db 0
buf_read0       times SECTOR_SIZE db 0
buf_read2       times SECTOR_SIZE db 0
