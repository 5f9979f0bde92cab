; dos-files-misc: 5Ah temporary files, 5Bh create new, 5Ch byte-range locks seen through a second
; open of the same file, 68h/6Ah commit, 6Ch extended open/create with every action, the
; no-inherit bit in the device information, and 0Eh with a drive that is not there.
%include "dos-files-lib.inc"

%macro EXTOPEN 4                ; label, mode (BX), action (DL), name: INT 21h/6C00h
    mov ax, 0x6C00
    mov bx, %2
    xor cx, cx
    mov dx, %3
    mov si, %4
    int 0x21
    RESULT %1
    jc %%skip
    VALUE '  action', cx
    mov bx, ax
    DOS 0x3E
%%skip:
%endmacro

start:
    ; ---- 5Ah: a unique name in TMP\, appended to the path
    mov dx, tmpdir
    DOS 0x39
    mov dx, tmppath
    xor cx, cx
    DOS 0x5A
    OKERR 'temp file'
    mov bx, ax
    mov dx, tmppath
    mov cx, 4
    DOS 0x40
    DOS 0x3E
    mov si, tmppath
    mov cx, 4
    PRINT '  prefix '
    call print_fixed
    call crlf
    ; the name is 8 characters after "TMP\"
    mov si, tmppath + 4
    xor cx, cx
.len:
    lodsb
    or al, al
    jz .lendone
    inc cx
    jmp .len
.lendone:
    VALUE '  name length', cx
    mov dx, tmppath
    mov ax, 0x3D00
    int 0x21
    RESULT '  reopen'
    mov bx, ax
    DOS 0x3E

    ; ---- 5Bh
    mov dx, n_new
    xor cx, cx
    DOS 0x5B
    RESULT 'create new'
    mov bx, ax
    mov dx, data
    mov cx, 16
    DOS 0x40
    DOS 0x3E
    mov dx, n_new
    xor cx, cx
    DOS 0x5B
    RESULT 'create new again'

    ; ---- 5Ch: lock bytes 4-7 through handle A; handle B runs into them
    mov dx, n_new
    mov ax, 0x3D42              ; read/write, deny none
    int 0x21
    mov [ha], ax
    mov dx, n_new
    mov ax, 0x3D40              ; read, deny none
    int 0x21
    mov [hb], ax
    mov ax, 0x5C00
    mov bx, [ha]
    xor cx, cx
    mov dx, 4
    xor si, si
    mov di, 4
    int 0x21
    OKERR 'lock 4-7'
    mov ax, 0x5C00
    mov bx, [hb]
    xor cx, cx
    mov dx, 6
    xor si, si
    mov di, 4
    int 0x21
    OKERR 'lock 6-9 through B'
    mov ax, 0x4200
    mov bx, [hb]
    xor cx, cx
    mov dx, 2
    int 0x21
    mov dx, buf
    mov cx, 4
    DOS 0x3F
    RESULT 'B reads 2-5'
    mov ax, 0x4200
    mov bx, [hb]
    xor cx, cx
    mov dx, 8
    int 0x21
    mov dx, buf
    mov cx, 4
    DOS 0x3F
    RESULT 'B reads 8-11'
    mov ax, 0x4200
    mov bx, [ha]
    xor cx, cx
    mov dx, 4
    int 0x21
    mov dx, buf
    mov cx, 4
    DOS 0x3F
    RESULT 'A reads 4-7'
    mov ax, 0x5C01
    mov bx, [ha]
    xor cx, cx
    mov dx, 4
    xor si, si
    mov di, 2
    int 0x21
    OKERR 'unlock another range'
    mov ax, 0x5C01
    mov bx, [hb]
    xor cx, cx
    mov dx, 4
    xor si, si
    mov di, 4
    int 0x21
    OKERR 'unlock through B'
    mov ax, 0x5C01
    mov bx, [ha]
    xor cx, cx
    mov dx, 4
    xor si, si
    mov di, 4
    int 0x21
    OKERR 'unlock'
    mov ax, 0x4200
    mov bx, [hb]
    xor cx, cx
    mov dx, 2
    int 0x21
    mov dx, buf
    mov cx, 4
    DOS 0x3F
    RESULT 'B reads 2-5 again'
    mov ax, 0x5C02
    int 0x21
    OKERR 'lock AL=2'

    ; ---- commit
    mov bx, [ha]
    DOS 0x68
    OKERR 'commit 68h'
    mov bx, [ha]
    DOS 0x6A
    OKERR 'commit 6Ah'
    mov bx, [ha]
    DOS 0x3E
    mov bx, [hb]
    DOS 0x3E
    mov bx, [ha]
    DOS 0x68
    OKERR 'commit closed handle'

    ; ---- 6Ch
    EXTOPEN 'ext create if missing', 0x0002, 0x0010, n_ext
    EXTOPEN 'ext fail if exists', 0x0002, 0x0010, n_ext
    EXTOPEN 'ext open', 0x0000, 0x0001, n_ext
    EXTOPEN 'ext replace', 0x4002, 0x0012, n_new
    EXTOPEN 'ext missing, no create', 0x0000, 0x0001, n_missing
    EXTOPEN 'ext bad action', 0x0000, 0x0003, n_ext
    mov ax, 0x6C01
    int 0x21
    RESULT 'ext AL=1'

    ; ---- no-inherit shows in the device information
    mov dx, n_new
    mov ax, 0x3D80
    int 0x21
    mov bx, ax
    mov ax, 0x4400
    int 0x21
    VALUE 'no-inherit info', dx
    DOS 0x3E

    ; ---- 0Eh with a drive that is not there leaves the current drive
    mov dl, 7
    DOS 0x0E
    DOS 0x19
    xor ah, ah
    VALUE 'current drive', ax
    EXIT 0

    LIBCODE

tmpdir:  db 'TMP', 0
tmppath: db 'TMP\'
         times 20 db 0
n_new:   db 'NEW.DAT', 0
n_ext:   db 'EXT.DAT', 0
n_missing: db 'MISSING.DAT', 0
data:    db '0123456789ABCDEF'
ha: dw 0
hb: dw 0
buf: times 16 db 0
