; dos-files-io: file I/O torture through INT 21h handles.
; A  seek past the end and write: the gap reads as zeros (GAP.BIN stays 1001 bytes for the host).
; B  seeks from all three origins, negative offsets, before the start (refused).
; C  dup (45h) and dup2 (46h) handles share one position.
; D  a zero-length write truncates, and extends (TRUNC.TXT ends "0123" + 4 zeros).
; E  a read-only file refuses writes, replacement and deletion (RO.TXT stays "ro", read-only).
; F  access modes, sharing modes, bad access code, missing file and path.
%include "dos-files-lib.inc"

start:
    ; ---- A
    mov dx, gap_name
    xor cx, cx
    DOS 0x3C
    RESULT 'A create'
    mov [h1], ax
    mov bx, ax
    mov dx, letters
    mov cx, 10
    DOS 0x40
    RESULT 'A write'
    mov ax, 0x4200
    xor cx, cx
    mov dx, 1000
    int 0x21
    RESULT 'A seek 1000'
    mov dx, zed
    mov cx, 1
    DOS 0x40
    RESULT 'A write Z'
    mov ax, 0x4202
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'A seek end'
    mov ax, 0x4201
    mov cx, 0xFFFF
    mov dx, -991
    int 0x21
    RESULT 'A seek cur -991'
    mov dx, buf
    mov cx, 16
    DOS 0x3F
    RESULT 'A read gap'
    ; OR the 16 bytes together: 0 means the gap is zeros
    xor ax, ax
    mov si, buf
    mov cx, 16
.or:
    or al, [si]
    inc si
    loop .or
    VALUE 'A gap bytes or', ax
    DOS 0x3E
    OKERR 'A close'

    ; ---- B
    mov dx, gap_name
    mov ax, 0x3D00
    int 0x21
    RESULT 'B open'
    mov bx, ax
    mov ax, 0x4200
    mov cx, 0xFFFF
    mov dx, 0xFFFF
    int 0x21
    RESULT 'B seek start -1'
    mov ax, 0x4202
    mov cx, 0xFFFF
    mov dx, -2000
    int 0x21
    RESULT 'B seek end -2000'
    mov ax, 0x4201
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'B seek cur 0'
    mov ax, 0x4202
    mov cx, 0xFFFF
    mov dx, 0xFFFF
    int 0x21
    RESULT 'B seek end -1'
    mov dx, buf
    mov cx, 5
    DOS 0x3F
    RESULT 'B read at end'
    mov si, buf
    mov cx, 1
    PRINT 'B byte '
    call print_fixed
    call crlf
    mov dx, buf
    mov cx, 5
    DOS 0x3F
    RESULT 'B read past end'
    mov ax, 0x4203
    int 0x21
    RESULT 'B seek origin 3'
    DOS 0x3E

    ; ---- C
    mov dx, gap_name
    mov ax, 0x3D00
    int 0x21
    mov [h1], ax
    mov bx, ax
    DOS 0x45
    RESULT 'C dup'
    mov [h2], ax
    mov ax, 0x4200
    mov bx, [h1]
    xor cx, cx
    mov dx, 2
    int 0x21
    mov bx, [h2]
    mov dx, buf
    mov cx, 3
    DOS 0x3F
    RESULT 'C read via dup'
    mov si, buf
    mov cx, 3
    PRINT 'C data '
    call print_fixed
    call crlf
    mov ax, 0x4201
    mov bx, [h1]
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'C position of original'
    mov bx, [h1]
    mov cx, 10
    DOS 0x46
    OKERR 'C dup2 to 10'
    mov bx, 10
    mov dx, buf
    mov cx, 2
    DOS 0x3F
    RESULT 'C read via 10'
    mov si, buf
    mov cx, 2
    PRINT 'C data '
    call print_fixed
    call crlf
    mov ax, 0x4201
    mov bx, [h2]
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'C position of dup'
    mov bx, [h2]
    DOS 0x3E
    OKERR 'C close dup'
    mov bx, 10
    DOS 0x3E
    OKERR 'C close 10'
    mov bx, [h1]
    DOS 0x3E
    OKERR 'C close'
    mov bx, [h1]
    DOS 0x3E
    OKERR 'C close again'

    ; ---- D
    mov dx, trunc_name
    xor cx, cx
    DOS 0x3C
    mov bx, ax
    mov dx, digits
    mov cx, 10
    DOS 0x40
    RESULT 'D write'
    mov ax, 0x4200
    xor cx, cx
    mov dx, 4
    int 0x21
    xor cx, cx
    DOS 0x40
    RESULT 'D write 0 at 4'
    mov ax, 0x4202
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'D size'
    mov ax, 0x4200
    xor cx, cx
    mov dx, 8
    int 0x21
    xor cx, cx
    DOS 0x40
    RESULT 'D write 0 at 8'
    mov ax, 0x4202
    xor cx, cx
    xor dx, dx
    int 0x21
    RESULT 'D size'
    DOS 0x3E

    ; ---- E
    mov dx, ro_name
    mov cx, 1
    DOS 0x3C
    RESULT 'E create read-only'
    mov bx, ax
    mov dx, ro_text
    mov cx, 2
    DOS 0x40
    RESULT 'E write on the creating handle'
    DOS 0x3E
    mov dx, ro_name
    mov ax, 0x3D01
    int 0x21
    RESULT 'E open write'
    mov dx, ro_name
    mov ax, 0x3D02
    int 0x21
    RESULT 'E open read/write'
    mov dx, ro_name
    mov ax, 0x3D00
    int 0x21
    RESULT 'E open read'
    mov bx, ax
    mov dx, ro_text
    mov cx, 2
    DOS 0x40
    RESULT 'E write via read handle'
    DOS 0x3E
    mov dx, ro_name
    DOS 0x41
    OKERR 'E delete'
    mov dx, ro_name
    xor cx, cx
    DOS 0x3C
    RESULT 'E create over it'
    mov dx, ro_name
    mov ax, 0x4300
    int 0x21
    OKERR 'E get attributes'
    VALUE 'E attributes', cx

    ; ---- F
    mov dx, gap_name
    mov ax, 0x3D01
    int 0x21
    RESULT 'F open write-only'
    mov bx, ax
    mov dx, buf
    mov cx, 1
    DOS 0x3F
    RESULT 'F read write-only'
    DOS 0x3E
    mov dx, gap_name
    mov ax, 0x3D20              ; read, deny write
    int 0x21
    RESULT 'F open deny-write'
    mov [h1], ax
    mov dx, gap_name
    mov ax, 0x3D01
    int 0x21
    RESULT 'F open for write'
    mov dx, gap_name
    mov ax, 0x3D00
    int 0x21
    RESULT 'F open for read'
    mov bx, ax
    DOS 0x3E
    mov bx, [h1]
    DOS 0x3E
    mov dx, gap_name
    mov ax, 0x3D03
    int 0x21
    RESULT 'F access 3'
    mov dx, missing_name
    mov ax, 0x3D00
    int 0x21
    RESULT 'F missing file'
    mov dx, nodir_name
    mov ax, 0x3D00
    int 0x21
    RESULT 'F missing path'
    mov bx, 99
    DOS 0x3E
    OKERR 'F close 99'
    EXIT 0

    LIBCODE

gap_name:     db 'GAP.BIN', 0
trunc_name:   db 'trunc.txt', 0
ro_name:      db 'RO.TXT', 0
missing_name: db 'NOSUCH.TXT', 0
nodir_name:   db 'NODIR\X.TXT', 0
letters:      db 'ABCDEFGHIJ'
digits:       db '0123456789'
zed:          db 'Z'
ro_text:      db 'ro'
h1: dw 0
h2: dw 0
buf: times 32 db 0
