; fileio: the file side of a DOS tool, through INT 21h handles. Writes a 1 MiB file in 4 KiB
; chunks of pseudo-random bytes (a 16-bit xorshift), reads it back in 4 KiB chunks, and compares
; a Fletcher-style checksum and the chunk count of both passes; then deletes the file. Exits 0
; when everything matches, 1 otherwise. Whole-program benchmark for npm run bench.
    org 0x100
%include "bench-lib.inc"

CHUNK   equ 4096
CHUNKS  equ 256                         ; 256 x 4 KiB = 1 MiB

start:
    ; ---- write
    mov dx, file_name
    xor cx, cx
    DOS 0x3C                            ; create
    jc fail
    mov [handle], ax
    xor ax, ax
    mov [sum1], ax
    mov [sum2], ax
    mov word [chunk_no], 0
    mov ax, 1                           ; xorshift state (never 0)
.write_chunk:
    ; x ^= x << 7; x ^= x >> 9; x ^= x << 8 (Marsaglia's 16-bit triple); the low byte is stored.
    mov di, buffer
    mov cx, CHUNK
.fill:
    mov bx, ax
    shl bx, 1
    shl bx, 1
    shl bx, 1
    shl bx, 1
    shl bx, 1
    shl bx, 1
    shl bx, 1
    xor ax, bx
    mov bl, ah
    shr bl, 1
    xor al, bl
    xor ah, al
    stosb
    loop .fill
    push ax                             ; the state, across the checksum and the write
    mov si, buffer
    mov cx, CHUNK
    call checksum
    mov bx, [handle]
    mov dx, buffer
    mov cx, CHUNK
    DOS 0x40
    pop bx
    jc fail
    cmp ax, CHUNK
    jne fail
    mov ax, bx
    inc word [chunk_no]
    cmp word [chunk_no], CHUNKS
    jb .write_chunk
    mov bx, [handle]
    DOS 0x3E                            ; close
    jc fail
    mov ax, [sum1]
    mov [written1], ax
    mov ax, [sum2]
    mov [written2], ax

    ; ---- read back
    mov dx, file_name
    mov ax, 0x3D00                      ; open for reading
    int 0x21
    jc fail
    mov [handle], ax
    xor ax, ax
    mov [sum1], ax
    mov [sum2], ax
    mov [chunk_no], ax                  ; now counts chunks read
.read_chunk:
    ; Clear the buffer first so stale data cannot pass for what was read.
    mov di, buffer
    mov cx, CHUNK / 2
    xor ax, ax
    rep stosw
    mov bx, [handle]
    mov dx, buffer
    mov cx, CHUNK
    DOS 0x3F
    jc fail
    or ax, ax
    jz .read_done
    cmp ax, CHUNK
    jne fail
    mov si, buffer
    mov cx, ax
    call checksum
    inc word [chunk_no]
    jmp .read_chunk
.read_done:
    mov bx, [handle]
    DOS 0x3E
    jc fail
    mov dx, file_name
    DOS 0x41                            ; delete
    jc fail

    cmp word [chunk_no], CHUNKS
    jne fail
    mov ax, [sum1]
    cmp ax, [written1]
    jne fail
    mov ax, [sum2]
    cmp ax, [written2]
    jne fail
    PRINTMSG msg_ok
    mov ax, [chunk_no]
    call print_dec
    PRINTMSG msg_sum
    mov ax, [sum2]
    call print_hex16
    mov ax, [sum1]
    call print_hex16
    PRINTMSG msg_crlf
    mov ax, 0x4C00
    int 0x21

fail:
    PRINTMSG msg_fail
    mov ax, 0x4C01
    int 0x21

; Adds CX bytes at DS:SI into sum1 (the byte sum) and sum2 (the sum of the running sum1s).
checksum:
    mov bx, [sum1]
    mov dx, [sum2]
    xor ah, ah
.byte:
    lodsb
    add bx, ax
    add dx, bx
    loop .byte
    mov [sum1], bx
    mov [sum2], dx
    ret

    PRINTCODE
    PRINTDEC

file_name:  db 'BENCH.DAT', 0
msg_ok:     db 'fileio: 1 MiB written and read back in 4 KiB chunks: $'
msg_sum:    db ' chunks, checksum $'
msg_crlf:   db 13, 10, '$'
msg_fail:   db 'fileio: FAILED', 13, 10, '$'

    align 2
handle:     dw 0
chunk_no:   dw 0
sum1:       dw 0
sum2:       dw 0
written1:   dw 0
written2:   dw 0
buffer:                                 ; CHUNK bytes past the end of the image
