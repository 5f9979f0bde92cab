; BIOS-KBFUNC.COM: INT 16h's status and enhanced functions. Stores keys with 05h and reads them
; back. First a key typed on the host (the test types exactly one), polled with 01h until it
; arrives (at most about 2 s of ticks) and read with 00h; then keys stored with 05h: 01h and 11h
; report the next key without removing it, 10h removes it; the compatible functions (00h/01h)
; skip keys only an enhanced keyboard has (F11, 8500h) and show a grey key's E0h as 00h, the
; enhanced ones (10h/11h) return both as stored. Last, 12h's extended shift flags from the BDA
; bytes at 40:17h, 40:18h and 40:96h. Prints one "name=value" line per call ("none" when 01h/11h
; find the buffer empty). Exits with 0.
%include "bios-lib.inc"

%macro STATUS 2                 ; STATUS fn, 'name': calls INT 16h fn (01h/11h), prints the key or none
    mov ah, %1
    int 0x16
    TT %2, '='
    call show_status
%endmacro
%macro READ 2                   ; READ fn, 'name': calls INT 16h fn (00h/10h), prints AX
    mov ah, %1
    int 0x16
    TT %2, '='
    call tt_hex4
    call tt_crlf
%endmacro
%macro STORE 1                  ; STORE word: INT 16h/05h
    mov ah, 0x05
    mov cx, %1
    int 0x16
%endmacro

start:
    ; ---- a key typed on the host: poll 01h until it is there (bounded by the tick count)
    push ds
    mov ax, 0x40
    mov ds, ax
    mov si, [0x6C]
    pop ds
.poll:
    mov ah, 0x01
    int 0x16
    jnz .typed
    push ds
    mov ax, 0x40
    mov ds, ax
    mov ax, [0x6C]
    pop ds
    sub ax, si
    cmp ax, 37
    jb .poll
    xor ax, ax                  ; none came: ZF set
.typed:
    TT 'typed='
    call show_status
    jz .stored
    STATUS 0x01, 'st01'         ; still there
    READ 0x00, 'rd00'           ; and now taken
.stored:

    ; ---- an ordinary key: seen twice by 01h, once by 11h, removed by 10h
    STORE 0x1E61
    STATUS 0x01, 'st01'
    STATUS 0x01, 'st01'
    STATUS 0x11, 'st11'
    READ 0x10, 'rd10'
    STATUS 0x01, 'st01'
    STATUS 0x11, 'st11'

    ; ---- F11 and grey Up, as the enhanced keyboard BIOS stores them
    STORE 0x8500
    STORE 0x48E0
    STATUS 0x11, 'st11'         ; F11
    STATUS 0x01, 'st01'         ; F11 discarded, grey Up as 4800h
    STATUS 0x11, 'st11'         ; grey Up as stored
    READ 0x10, 'rd10'
    STORE 0x48E0
    READ 0x00, 'rd00'
    STATUS 0x11, 'st11'

    ; ---- 12h: AL = 40:17h; AH = held keys from 40:18h (left Ctrl/Alt, the locks, SysReq) and
    ; 40:96h (right Ctrl/Alt)
    push ds
    mov ax, 0x40
    mov ds, ax
    mov bx, [0x17]
    mov dl, [0x96]
    mov word [0x17], 0x454C     ; 17h: Caps Lock on, Alt, Ctrl; 18h: Caps held, SysReq, left Ctrl
    mov byte [0x96], 0x18       ; enhanced keyboard, right Alt
    pop ds
    READ 0x12, 'sh12'
    mov ah, 0x02
    int 0x16
    TT 'sh02='
    call tt_hex2
    call tt_crlf
    push ds
    mov ax, 0x40
    mov ds, ax
    mov [0x17], bx
    mov [0x96], dl
    pop ds
    READ 0x12, 'sh12'

    EXIT 0

; Prints AX (ZF clear: a key) or "none" (ZF set), then CR LF; flags kept.
show_status:
    jz .none
    call tt_hex4
    call tt_crlf
    ret
.none:
    TTLN 'none'
    ret

BIOSLIB
