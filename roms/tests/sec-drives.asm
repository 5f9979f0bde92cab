; sec-drives: what a guest sees on a read-only drive (command tail R) and under a disk quota
; (tail Q). R: C: holds IN.TXT ("inside") and SUB\; every change must fail with error 5 (FCB
; calls with FFh) while reading works. Q: with a 4096-byte quota, a new file costs 32 bytes and
; 1000-byte writes go through until the quota is used, then come back short with no error, as on
; a full DOS disk; after that creating a file or a folder fails with error 5. Both show no free
; space (INT 21h/36h), as a read-only or full disk does.
%include "dos-files-lib.inc"

start:
    cmp byte [0x82], 'Q'
    jne readonly
    jmp quota

readonly:
    mov dx, n_new
    xor cx, cx
    DOS 0x3C
    OKERR '3Ch create'
    mov dx, n_in
    mov ax, 0x3D02
    int 0x21
    OKERR '3Dh open read-write'
    mov dx, n_in
    mov ax, 0x3D00
    int 0x21
    OKERR '3Dh open read'
    jc .noread
    mov bx, ax
    mov dx, buf
    mov cx, 6
    DOS 0x3F
    VALUE '3Fh read', ax
    DOS 0x3E
.noread:
    mov dx, n_sub2
    DOS 0x39
    OKERR '39h mkdir'
    mov dx, n_sub
    DOS 0x3A
    OKERR '3Ah rmdir'
    mov dx, n_in
    DOS 0x41
    OKERR '41h delete'
    mov dx, n_in
    mov ax, 0x4301
    mov cx, 1
    int 0x21
    OKERR '43h set attributes'
    mov dx, n_in
    mov di, n_new
    DOS 0x56
    OKERR '56h rename'
    mov dx, n_new
    xor cx, cx
    DOS 0x5B
    OKERR '5Bh create new'
    mov byte [temp], 0
    mov dx, temp
    xor cx, cx
    DOS 0x5A
    OKERR '5Ah temp file'
    mov si, n_new
    mov ax, 0x6C00
    mov bx, 2
    xor cx, cx
    mov dx, 0x10
    int 0x21
    OKERR '6Ch create'
    mov dx, fcb_new
    DOS 0x16
    VALUE 'FCB 16h create', ax
    mov dx, fcb_in
    DOS 0x0F
    VALUE 'FCB 0Fh open', ax
    mov dx, fcb_in
    DOS 0x10
    mov dx, fcb_in
    DOS 0x13
    VALUE 'FCB 13h delete', ax
    mov dx, fcb_rename
    DOS 0x17
    VALUE 'FCB 17h rename', ax
    call free_space
    EXIT 0

; free_space: prints the free clusters INT 21h/36h reports for the default drive.
free_space:
    xor dl, dl
    DOS 0x36
    VALUE '36h free clusters', bx
    ret

quota:
    mov dx, n_new
    xor cx, cx
    DOS 0x3C
    OKERR '3Ch create'
    mov bx, ax
    mov cx, 6
.write:
    push cx
    mov dx, buf
    mov cx, 1000
    DOS 0x40
    RESULT '40h write'
    pop cx
    loop .write
    DOS 0x3E
    mov dx, n_two
    xor cx, cx
    DOS 0x3C
    OKERR '3Ch create another'
    mov dx, n_sub2
    DOS 0x39
    OKERR '39h mkdir'
    call free_space
    EXIT 0

    LIBCODE

n_new:  db 'NEW.TXT', 0
n_two:  db 'TWO.TXT', 0
n_in:   db 'IN.TXT', 0
n_sub:  db 'SUB', 0
n_sub2: db 'SUB2', 0
fcb_new: db 0, 'NEW     TXT'
         times 37 db 0
fcb_in:  db 0, 'IN      TXT'
         times 37 db 0
fcb_rename: db 0, 'IN      TXT', 0, 0, 0, 0, 0, 'MOVED   TXT'
         times 37 db 0
temp:   times 16 db 0
buf:    times 1000 db 'q'
