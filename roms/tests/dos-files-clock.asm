; dos-files-clock: the DOS clock drives CLOCK$ and file dates. Sets the date to 1991-03-04 (2Bh),
; reads the CLOCK$ record, writes STAMP.TXT, and reads back its date with 57h.
%include "dos-files-lib.inc"

start:
    mov cx, 1991
    mov dh, 3
    mov dl, 4
    DOS 0x2B
    mov dx, n_clock
    mov ax, 0x3D00
    int 0x21
    mov bx, ax
    mov dx, rec
    mov cx, 6
    DOS 0x3F
    RESULT 'clock read'
    VALUE 'days since 1980', [rec]
    DOS 0x3E

    mov dx, n_stamp
    xor cx, cx
    DOS 0x3C
    mov bx, ax
    mov dx, n_stamp
    mov cx, 5
    DOS 0x40
    mov ax, 0x5700
    int 0x21
    VALUE 'date while open', dx
    DOS 0x3E
    mov dx, n_stamp
    mov ax, 0x3D00
    int 0x21
    mov bx, ax
    mov ax, 0x5700
    int 0x21
    VALUE 'date after close', dx
    DOS 0x3E
    EXIT 0

    LIBCODE

n_clock: db 'CLOCK$', 0
n_stamp: db 'STAMP.TXT', 0
rec: times 6 db 0
