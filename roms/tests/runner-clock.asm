; runner-clock: what makes a run differ from host to host, printed, for `vdm86 test`'s determinism
; checks. Prints the DOS date (2Ah) and time (2Ch), the BIOS tick count (INT 1Ah/00h), the free
; space of the default drive (36h), writes STAMP.TXT (dated by DOS at close), then a DIR-like
; listing of *.* by find first/next (4Eh/4Fh): name, size, date and time of every entry.
    cpu 8086
    org 0x100
%include "print.inc"

start:
    mov ah, 0x2A                    ; CX year, DH month, DL day (putc takes DL: keep them first)
    int 0x21
    mov [t_a], dx
    PRINT 'date '
    mov ax, cx
    call print_dec
    mov dl, '-'
    call putc
    mov al, [t_a + 1]
    call print_dec2
    mov dl, '-'
    call putc
    mov al, [t_a]
    call print_dec2
    call crlf

    mov ah, 0x2C                    ; CH hour, CL minute, DH second, DL hundredths
    int 0x21
    mov [t_a], cx
    mov [t_b], dx
    PRINT 'time '
    mov al, [t_a + 1]
    call print_dec2
    mov dl, ':'
    call putc
    mov al, [t_a]
    call print_dec2
    mov dl, ':'
    call putc
    mov al, [t_b + 1]
    call print_dec2
    mov dl, '.'
    call putc
    mov al, [t_b]
    call print_dec2
    call crlf

    mov ah, 0x00
    int 0x1A
    PRINT 'ticks '
    mov ax, cx
    call print_hex16
    mov ax, dx
    call print_hex16
    call crlf

    mov ah, 0x36
    mov dl, 0
    int 0x21
    PRINT 'space spc='
    call print_dec                  ; AX
    PRINT ' free='
    mov ax, bx
    call print_dec
    PRINT ' bps='
    mov ax, cx
    call print_dec
    PRINT ' total='
    mov ax, dx
    call print_dec
    call crlf

    ; a file written now: DOS dates it by its clock at close
    mov ah, 0x3C
    xor cx, cx
    mov dx, stamp_name
    int 0x21
    jc .listing
    mov bx, ax
    mov ah, 0x40
    mov cx, stamp_len
    mov dx, stamp_text
    int 0x21
    mov ah, 0x3E
    int 0x21

.listing:
    mov ah, 0x1A                    ; DTA at dta
    mov dx, dta
    int 0x21
    mov ah, 0x4E
    mov cx, 0x10                    ; files and directories
    mov dx, pattern
    int 0x21
.next:
    jc .done
    call print_entry
    mov ah, 0x4F
    int 0x21
    jmp .next
.done:
    mov ax, 0x4C00
    int 0x21

; print_entry: "NAME.EXT      size  yyyy-mm-dd hh:mm:ss" from the DTA.
print_entry:
    mov si, dta + 0x1E
    xor cx, cx
.name:
    lodsb
    test al, al
    jz .pad
    mov dl, al
    call putc
    inc cx
    jmp .name
.pad:
    cmp cx, 13
    jae .size
    mov dl, ' '
    call putc
    inc cx
    jmp .pad
.size:
    test byte [dta + 0x15], 0x10
    jz .file
    PRINT '<DIR>'
    jmp .stamp
.file:
    mov ax, [dta + 0x1A]            ; low word of the size is enough here
    call print_dec
.stamp:
    mov dl, ' '
    call putc
    mov ax, [dta + 0x18]            ; date: year-1980 << 9 | month << 5 | day
    push ax
    mov cl, 9
    shr ax, cl
    add ax, 1980
    call print_dec
    mov dl, '-'
    call putc
    pop ax
    push ax
    mov cl, 5
    shr ax, cl
    and al, 0x0F
    call print_dec2
    mov dl, '-'
    call putc
    pop ax
    and al, 0x1F
    call print_dec2
    mov dl, ' '
    call putc
    mov ax, [dta + 0x16]            ; time: hours << 11 | minutes << 5 | seconds / 2
    push ax
    mov cl, 11
    shr ax, cl
    call print_dec2
    mov dl, ':'
    call putc
    pop ax
    push ax
    mov cl, 5
    shr ax, cl
    and al, 0x3F
    call print_dec2
    mov dl, ':'
    call putc
    pop ax
    and al, 0x1F
    shl al, 1
    call print_dec2
    call crlf
    ret

; print_dec2: AL (0-99) as two decimal digits.
print_dec2:
    push ax
    push dx
    xor ah, ah
    mov dl, 10
    div dl
    push ax
    mov dl, al
    add dl, '0'
    call putc
    pop ax
    mov dl, ah
    add dl, '0'
    call putc
    pop dx
    pop ax
    ret

PRINTCODE
PRINTDEC

t_a: dw 0
t_b: dw 0
pattern: db '*.*', 0
stamp_name: db 'STAMP.TXT', 0
stamp_text: db 'stamped', 13, 10
stamp_len equ $ - stamp_text
dta: times 43 db 0
