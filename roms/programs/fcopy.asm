; fcopy: a DOS 1.x style file copier that uses only FCB calls, as the tools written before
; handles did.  FCOPY source dest  -- both come from the FCBs DOS parsed into the PSP (5Ch and
; 6Ch); the source may hold wildcards (searched with 11h/12h), and a '?' in the destination
; takes the found name's character there (FCOPY *.TXT *.BAK). Each file is opened (0Fh), the
; copy created (16h), 128-byte records read and written sequentially (14h/15h) across as many
; blocks as there are, the partial last record written with a random block write of record size
; 1 (28h) so the copy has the exact size, and both closed (10h). The DTA is switched between the
; search buffer and the record buffer, as such programs had to. Messages go out through 09h.
; Exit codes: 0 copied (by RET to PSP:0000), 1 usage, 2 no file found, 3 a copy could not be
; created (by 4Ch).

    cpu 8086
    org 0x100

FCB1        equ 0x5c
FCB2        equ 0x6c
RECORD      equ 128
; FCB fields (normal FCB)
F_DRIVE     equ 0
F_NAME      equ 1
F_BLOCK     equ 0x0c
F_RECSIZE   equ 0x0e
F_FILESIZE  equ 0x10
F_CURREC    equ 0x20
F_RANDOM    equ 0x21
FCB_BYTES   equ 0x25

start:
    ; FCB 2 overlaps FCB 1's tail: copy both out before using either.
    mov si, FCB1
    mov di, src_fcb
    mov cx, 12
    rep movsb
    mov si, FCB2
    mov di, dst_fcb
    mov cx, 12
    rep movsb
    cmp byte [src_fcb + F_NAME], ' '
    je usage
    cmp byte [dst_fcb + F_NAME], ' '
    je usage

    mov dx, find_dta
    mov ah, 0x1a
    int 0x21
    mov dx, src_fcb
    mov ah, 0x11                            ; search first
    int 0x21
    or al, al
    jnz none_found

next_file:
    call copy_one
    mov dx, find_dta                        ; the search goes on in its own DTA
    mov ah, 0x1a
    int 0x21
    mov dx, src_fcb
    mov ah, 0x12                            ; search next
    int 0x21
    or al, al
    jz next_file

    mov ax, [copied]
    call print_dec
    ; The last message goes through the CP/M entry (CALL 5, function in CL) and the program ends
    ; with RET to the INT 20h at PSP:0000, as DOS 1.x programs ported from CP/M did.
    mov dx, msg_copied
    mov cl, 0x09
    call 5
    ret

usage:
    mov dx, msg_usage
    mov al, 1
    jmp fail
none_found:
    mov dx, msg_none
    mov al, 2
fail:
    push ax
    mov ah, 0x09
    int 0x21
    pop ax
    mov ah, 0x4c
    int 0x21

; Copies the file whose unopened FCB search 11h/12h left in find_dta.
copy_one:
    ; The source FCB: drive and name as found, the rest zero.
    mov di, in_fcb
    mov cx, FCB_BYTES
    xor al, al
    rep stosb
    mov si, find_dta
    mov di, in_fcb
    mov cx, 12
    rep movsb
    ; The destination: the pattern's drive, '?' replaced by the found name's character.
    mov di, out_fcb
    mov cx, FCB_BYTES
    xor al, al
    rep stosb
    mov al, [dst_fcb + F_DRIVE]
    mov [out_fcb + F_DRIVE], al
    mov bx, F_NAME
.name:
    mov al, [dst_fcb + bx]
    cmp al, '?'
    jne .keep
    mov al, [in_fcb + bx]
.keep:
    mov [out_fcb + bx], al
    inc bx
    cmp bx, F_NAME + 11
    jb .name

    mov si, in_fcb
    call print_name
    mov dx, msg_arrow
    mov ah, 0x09
    int 0x21
    mov si, out_fcb
    call print_name
    mov dx, msg_crlf
    mov ah, 0x09
    int 0x21

    mov dx, in_fcb
    mov ah, 0x0f                            ; open
    int 0x21
    or al, al
    jnz .cannot_open
    mov dx, out_fcb
    mov ah, 0x16                            ; create
    int 0x21
    or al, al
    jnz .cannot_create
    ; Open and create set the block to 0 and the record size to 128; the current record is ours.
    mov byte [in_fcb + F_CURREC], 0
    mov byte [out_fcb + F_CURREC], 0
    mov word [records], 0
    mov word [records + 2], 0

    mov dx, buffer
    mov ah, 0x1a
    int 0x21
.record:
    mov dx, in_fcb
    mov ah, 0x14                            ; sequential read
    int 0x21
    cmp al, 1
    je .closing                             ; end of file, no data
    cmp al, 3
    je .partial
    mov dx, out_fcb
    mov ah, 0x15                            ; sequential write
    int 0x21
    or al, al
    jnz .cannot_create
    add word [records], 1
    adc word [records + 2], 0
    jmp .record

.partial:
    ; The last record is short: write only its bytes, at byte records*128, with record size 1.
    mov cx, [in_fcb + F_FILESIZE]
    and cx, RECORD - 1
    mov word [out_fcb + F_RECSIZE], 1
    mov ax, [records]
    mov dx, [records + 2]
    mov bx, RECORD
    call mul32
    mov [out_fcb + F_RANDOM], ax
    mov [out_fcb + F_RANDOM + 2], dx
    mov dx, out_fcb
    mov ah, 0x28                            ; random block write
    int 0x21
    or al, al
    jnz .cannot_create

.closing:
    mov dx, in_fcb
    mov ah, 0x10
    int 0x21
    mov dx, out_fcb
    mov ah, 0x10
    int 0x21
    inc word [copied]
    ret

.cannot_open:
    mov dx, msg_open
    mov ah, 0x09
    int 0x21
    ret
.cannot_create:
    mov dx, msg_create
    mov al, 3
    jmp fail

; DX:AX *= BX (32-bit by 16-bit, low 32 bits kept).
mul32:
    push cx
    mov cx, dx
    mul bx
    push ax
    push dx
    mov ax, cx
    mul bx
    pop dx
    add dx, ax
    pop ax
    pop cx
    ret

; SI -> FCB: prints NAME.EXT without the blanks.
print_name:
    push si
    lea bx, [si + F_NAME]
    mov cx, 8
    call print_field
    pop si
    cmp byte [si + F_NAME + 8], ' '
    je .done
    mov dl, '.'
    mov ah, 0x02
    int 0x21
    lea bx, [si + F_NAME + 8]
    mov cx, 3
    call print_field
.done:
    ret

; BX -> CX characters: printed up to the first blank.
print_field:
    mov dl, [bx]
    cmp dl, ' '
    je .done
    mov ah, 0x02
    int 0x21
    inc bx
    loop print_field
.done:
    ret

; AX in decimal through 02h.
print_dec:
    mov bx, 10
    xor cx, cx
.divide:
    xor dx, dx
    div bx
    push dx
    inc cx
    or ax, ax
    jnz .divide
.digit:
    pop dx
    add dl, '0'
    mov ah, 0x02
    int 0x21
    loop .digit
    ret

msg_usage:  db 'usage: FCOPY source dest', 13, 10, '$'
msg_none:   db 'File not found', 13, 10, '$'
msg_open:   db '  cannot open', 13, 10, '$'
msg_create: db 'Cannot create the copy', 13, 10, '$'
msg_copied: db ' file(s) copied', 13, 10, '$'
msg_arrow:  db ' -> $'
msg_crlf:   db 13, 10, '$'

copied:     dw 0
records:    dd 0
src_fcb:    times FCB_BYTES db 0
dst_fcb:    times FCB_BYTES db 0
in_fcb:     times FCB_BYTES db 0
out_fcb:    times FCB_BYTES db 0
find_dta:   times 64 db 0
buffer:     times RECORD db 0
