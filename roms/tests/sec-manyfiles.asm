; sec-manyfiles: creates 2000 files (F0000.TXT to F1999.TXT) in the root, counts them with find
; first/next, deletes them all and counts again. Folder work must stay incremental: the host is
; not asked to list the folder once per call (issue 14: creating files was quadratic).
%include "dos-files-lib.inc"

COUNT equ 2000

start:
    mov dx, dta
    DOS 0x1A
    mov cx, COUNT
.create:
    push cx
    mov dx, name
    xor cx, cx
    DOS 0x3C
    jc .failed
    mov bx, ax
    DOS 0x3E
    call next_name
    pop cx
    loop .create
    call count_files
    VALUE 'found', [found]

    call reset_name
    mov cx, COUNT
.delete:
    push cx
    mov dx, name
    DOS 0x41
    jc .failed
    call next_name
    pop cx
    loop .delete
    call count_files
    VALUE 'left', [found]
    EXIT 0
.failed:
    VALUE 'failed', ax
    EXIT 1

; count_files: [found] <- how many F*.TXT the root holds.
count_files:
    mov word [found], 0
    mov dx, pattern
    mov cx, 0
    DOS 0x4E
.more:
    jc .done
    inc word [found]
    DOS 0x4F
    jmp .more
.done:
    ret

; next_name: adds one to the four decimal digits of the name.
next_name:
    mov si, name + 4
.digit:
    inc byte [si]
    cmp byte [si], '9'
    jbe .ok
    mov byte [si], '0'
    dec si
    jmp .digit
.ok:
    ret

reset_name:
    mov word [name + 1], '00'
    mov word [name + 3], '00'
    ret

    LIBCODE

name:    db 'F0000.TXT', 0
pattern: db 'F*.TXT', 0
found:   dw 0
dta:     times 64 db 0
