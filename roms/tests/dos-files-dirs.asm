; dos-files-dirs: directories and directory entries through INT 21h.
; mkdir/chdir/getcwd, find first/next with attribute matching, rename (also into a subdirectory),
; delete, get/set attributes, a file's date and time (57h), rmdir (not empty, current directory),
; truename, current drive, free space and the media ID (69h).
%include "dos-files-lib.inc"

%macro CREATE 2                 ; name, attribute: create and close
    mov dx, %1
    mov cx, %2
    DOS 0x3C
    jc %%skip
    mov bx, ax
    mov dx, %1
    mov cx, 3
    DOS 0x40
    DOS 0x3E
%%skip:
%endmacro

%macro FIND 3                   ; label, pattern, attribute: list every match
    PRINTLN %1
    mov dx, %2
    mov cx, %3
    call list
%endmacro

start:
    mov dx, dta
    DOS 0x1A

    mov dx, n_work
    DOS 0x39
    OKERR 'mkdir WORK'
    mov dx, n_work
    DOS 0x39
    OKERR 'mkdir WORK again'
    mov dx, n_nope
    DOS 0x39
    OKERR 'mkdir in missing dir'
    mov dx, n_work
    DOS 0x3B
    OKERR 'chdir WORK'
    call cwd

    CREATE n_a, 0
    CREATE n_b, 0
    CREATE n_c, 0
    CREATE n_hid, 2
    mov dx, n_sub
    DOS 0x39
    OKERR 'mkdir SUBDIR'

    FIND 'find *.* normal', n_star, 0
    FIND 'find *.* all', n_star, 0x16
    FIND 'find *.TXT', n_startxt, 0
    FIND 'find ?.DAT', n_qdat, 0
    FIND 'find dirs only asked', n_sub, 0x10
    FIND 'find NONE.*', n_none, 0

    mov dx, n_a
    mov di, n_moved
    DOS 0x56
    OKERR 'rename A.TXT to SUBDIR\MOVED.TXT'
    mov dx, n_b
    mov di, n_c
    DOS 0x56
    OKERR 'rename onto existing'
    mov dx, n_nofile
    mov di, n_x
    DOS 0x56
    OKERR 'rename missing'
    mov dx, n_b
    DOS 0x41
    OKERR 'delete B.TXT'
    mov dx, n_b
    DOS 0x41
    OKERR 'delete B.TXT again'
    mov dx, n_sub
    DOS 0x41
    OKERR 'delete a directory'

    mov dx, n_c
    mov ax, 0x4301
    mov cx, 0x01
    int 0x21
    OKERR 'set read-only'
    mov dx, n_c
    mov ax, 0x4300
    int 0x21
    VALUE 'attributes', cx
    mov dx, n_c
    mov ax, 0x4301
    mov cx, 0x08
    int 0x21
    OKERR 'set volume bit'
    mov dx, n_c
    mov ax, 0x4301
    mov cx, 0x20
    int 0x21
    OKERR 'set archive'
    mov dx, n_c
    mov ax, 0x4300
    int 0x21
    VALUE 'attributes', cx
    mov dx, n_sub
    mov ax, 0x4300
    int 0x21
    VALUE 'SUBDIR attributes', cx

    mov dx, n_c
    mov ax, 0x3D02
    int 0x21
    mov bx, ax
    mov ax, 0x5701
    mov cx, 0x645C              ; 12:34:56
    mov dx, 0x1ECF              ; 1995-06-15
    int 0x21
    OKERR 'set date'
    DOS 0x3E
    mov dx, n_c
    mov ax, 0x3D00
    int 0x21
    mov bx, ax
    mov ax, 0x5700
    int 0x21
    VALUE 'time', cx
    VALUE 'date', dx
    DOS 0x3E

    mov dx, n_sub
    DOS 0x3A
    OKERR 'rmdir not empty'
    mov dx, n_sub
    DOS 0x3B
    call cwd
    mov dx, n_upsub
    DOS 0x3A
    OKERR 'rmdir current'
    mov dx, n_dotdot
    DOS 0x3B
    OKERR 'chdir ..'
    call cwd
    mov dx, n_moved
    DOS 0x41
    OKERR 'delete SUBDIR\MOVED.TXT'
    mov dx, n_sub
    DOS 0x3A
    OKERR 'rmdir SUBDIR'
    mov dx, n_root
    DOS 0x3B
    OKERR 'chdir \'
    call cwd
    mov dx, n_work
    DOS 0x3A
    OKERR 'rmdir WORK not empty'

    mov si, n_true
    mov di, buf
    DOS 0x60
    OKERR 'truename'
    mov si, buf
    call print_asciiz
    call crlf

    DOS 0x19
    xor ah, ah
    VALUE 'current drive', ax
    mov dl, 2
    DOS 0x0E
    xor ah, ah
    VALUE 'drives', ax
    mov dl, 0
    DOS 0x36
    VALUE 'sectors per cluster', ax
    VALUE 'bytes per sector', cx
    mov dl, 5
    DOS 0x36
    VALUE 'free space E:', ax
    mov dl, 5
    mov si, buf
    DOS 0x47
    OKERR 'getcwd E:'
    mov ax, 0x6900
    mov bl, 0
    mov dx, buf
    int 0x21
    OKERR 'media id'
    mov si, buf + 6
    mov cx, 19
    PRINT '  '
    call print_fixed
    call crlf
    mov ax, 0x6900
    mov bl, 5
    mov dx, buf
    int 0x21
    OKERR 'media id E:'
    EXIT 0

; cwd: prints "cwd \<current directory>"
cwd:
    mov dl, 0
    mov si, buf
    DOS 0x47
    PRINT 'cwd \'
    call print_asciiz
    call crlf
    ret

; list: DX pattern, CX attributes: "  NAME attr hh size hhhh" per match, or the error.
list:
    DOS 0x4E
.next:
    jc .done
    PRINT '  '
    mov si, dta + FIND_NAME
    call print_asciiz
    PRINT ' attr '
    mov al, [dta + FIND_ATTR]
    xor ah, ah
    call print_hex16
    PRINT ' size '
    mov ax, [dta + FIND_SIZE]
    call print_hex16
    call crlf
    DOS 0x4F
    jmp .next
.done:
    PRINT '  end '
    call print_hex16
    call crlf
    ret

    LIBCODE

n_work:   db 'WORK', 0
n_nope:   db 'NOPE\X', 0
n_a:      db 'A.TXT', 0
n_b:      db 'B.TXT', 0
n_c:      db 'C.DAT', 0
n_hid:    db 'HID.TXT', 0
n_sub:    db 'SUBDIR', 0
n_star:   db '*.*', 0
n_startxt: db '*.TXT', 0
n_qdat:   db '?.DAT', 0
n_none:   db 'NONE.*', 0
n_moved:  db 'SUBDIR\MOVED.TXT', 0
n_nofile: db 'NOFILE', 0
n_x:      db 'X', 0
n_upsub:  db '..\SUBDIR', 0
n_dotdot: db '..', 0
n_root:   db '\', 0
n_true:   db 'work\.\c.dat', 0
dta: times 64 db 0
buf: times 128 db 0
