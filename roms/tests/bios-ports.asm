; BIOS-PORTS.COM: the chips and the small BIOS services, probed the way programs probe them.
; Prints one "name=value" line per check: PIC mask and ISR reads, PIT counter 2 counting down,
; the port 61h refresh toggle, keyboard controller status, the CRTC cursor registers (it also
; leaves the hardware cursor at row 1, column 7), vertical retrace on 3DAh, INT 1Ah, INT 15h
; C0h/88h/86h and INT 16h 05h/02h. Exits with 0.
%include "bios-lib.inc"

%macro SHOW 1                   ; prints "name=" and AX in hex, then CR LF
    TT %1, '='
    call tt_hex4
    call tt_crlf
%endmacro

start:
    ; ---- 8259: mask register round trip, ISR and IRR reads through OCW3
    in al, 0x21
    mov bl, al
    mov al, 0xB8
    out 0x21, al
    in al, 0x21
    mov ah, bl
    SHOW 'pic_imr'              ; AH = mask at start, AL = B8h read back
    mov al, bl
    out 0x21, al
    mov al, 0x0B                ; OCW3: read ISR
    out 0x20, al
    in al, 0x20
    xor ah, ah
    SHOW 'pic_isr'
    mov al, 0x0A                ; back to IRR
    out 0x20, al

    ; ---- 8253 counter 2, gated on through port 61h: two latched reads, the second lower
    in al, 0x61
    or al, 0x01
    out 0x61, al
    mov al, 0xB4                ; counter 2, LSB then MSB, mode 2
    out 0x43, al
    xor al, al
    out 0x42, al
    out 0x42, al
    call read_c2
    mov si, ax
    mov cx, 2000
.spin:
    loop .spin
    call read_c2
    cmp ax, si
    mov ax, 1
    jb .down
    xor ax, ax
.down:
    SHOW 'pit2_down'

    ; ---- port 61h bit 4 toggles (DRAM refresh), seen within a bounded poll
    in al, 0x61
    and al, 0x10
    mov bl, al
    mov cx, 0xFFFF
.refresh:
    in al, 0x61
    and al, 0x10
    cmp al, bl
    jne .toggled
    loop .refresh
.toggled:
    mov ax, cx
    or ax, ax
    mov ax, 0
    jz .no_toggle
    inc ax
.no_toggle:
    SHOW 'refresh'

    ; ---- keyboard controller status: system flag set, output buffer empty
    in al, 0x64
    xor ah, ah
    SHOW 'kbc_status'

    ; ---- CRTC: hardware cursor to row 1, column 7 (cell 87), read back
    mov dx, 0x3D4
    mov al, 0x0E
    out dx, al
    inc dx
    xor al, al
    out dx, al
    dec dx
    mov al, 0x0F
    out dx, al
    inc dx
    mov al, 87
    out dx, al
    in al, dx
    xor ah, ah
    SHOW 'crtc_cursor'

    ; ---- 3DAh: vertical retrace seen within a bounded poll
    mov dx, 0x3DA
    mov cx, 0xFFFF
.vr:
    in al, dx
    test al, 0x08
    jnz .vsync
    loop .vr
.vsync:
    mov ax, cx
    or ax, ax
    mov ax, 0
    jz .no_vsync
    inc ax
.no_vsync:
    SHOW 'vsync'

    ; ---- INT 1Ah: date (century byte) and time (CF clear)
    mov ah, 0x04
    int 0x1A
    mov ax, cx
    SHOW 'rtc_year'
    mov ah, 0x02
    int 0x1A
    mov ax, 0
    adc ax, 0
    SHOW 'rtc_time_cf'

    ; ---- INT 15h: configuration table model byte, extended memory, a 200 ms wait in ticks
    mov ah, 0xC0
    int 0x15
    mov al, [es:bx + 2]
    xor ah, ah
    SHOW 'model'
    push cs
    pop es
    mov ah, 0x88
    int 0x15
    SHOW 'ext_mem'
    mov ah, 0x42                ; an unsupported function: CF=1, AH=86h
    int 0x15
    mov al, 0
    adc al, 0
    SHOW 'int15_42'
    call ticks
    mov si, ax
    mov ah, 0x86
    mov cx, 0x0003              ; 0003:0D40h = 200000 us
    mov dx, 0x0D40
    int 0x15
    call ticks
    sub ax, si
    SHOW 'wait_ticks'

    ; ---- INT 16h: 05h stores a key word, 00h returns it; 02h shift flags
    mov ah, 0x05
    mov cx, 0x1234
    int 0x16
    mov ah, 0x00
    int 0x16
    SHOW 'pushed_key'
    mov ah, 0x02
    int 0x16
    xor ah, ah
    SHOW 'shift'

    EXIT 0

read_c2:                        ; AX = counter 2, latched
    mov al, 0x80
    out 0x43, al
    in al, 0x42
    mov ah, al
    in al, 0x42
    xchg al, ah
    ret

ticks:                          ; AX = low word of the BIOS tick count
    push ds
    mov ax, 0x40
    mov ds, ax
    mov ax, [0x6C]
    pop ds
    ret

BIOSLIB
