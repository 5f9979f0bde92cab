; dos-files-escape: nothing outside drive C:'s host folder is reachable. The test prepares
; OUT (a symbolic link to a folder outside the drive holding SECRET.TXT), LINK.TXT (a link to a
; file outside), DANGLE.TXT (a link to a missing file outside), INLINK (a link to SUB, inside),
; and SUB\IN.TXT. Every escape must fail with error 5; links that stay inside work.
%include "dos-files-lib.inc"

%macro OPEN 2                   ; label, name: open for reading and report
    mov dx, %2
    mov ax, 0x3D00
    int 0x21
    RESULT %1
%endmacro

start:
    OPEN 'dotdot twice', p_dotdot
    OPEN 'root dotdot', p_rootdotdot
    OPEN 'drive dotdot', p_drivedotdot
    OPEN 'host absolute', p_etc
    OPEN 'host absolute dir', p_tmp
    OPEN 'link dir out', p_outsecret
    OPEN 'link file out', p_linkfile
    OPEN 'unmapped drive', p_qdrive
    OPEN 'link inside', p_inside
    jc .skipclose
    mov bx, ax
    DOS 0x3E
.skipclose:
    OPEN 'sub dotdot inside', p_subdotdot
    jc .skipclose2
    mov bx, ax
    DOS 0x3E
.skipclose2:

    mov dx, p_outnew
    xor cx, cx
    DOS 0x3C
    RESULT 'create in link dir'
    mov dx, p_dangle
    xor cx, cx
    DOS 0x3C
    RESULT 'create through dangling link'
    mov dx, p_mkdir
    DOS 0x39
    OKERR 'mkdir above root'
    mov dx, p_out
    DOS 0x3B
    OKERR 'chdir link out'
    mov dx, p_dotdotonly
    DOS 0x3B
    OKERR 'chdir above root'
    mov dx, p_outsecret
    DOS 0x41
    OKERR 'delete through link'
    mov dx, p_outsecret
    mov ax, 0x4300
    int 0x21
    OKERR 'attributes through link'
    mov dx, p_outstar
    mov cx, 0x16
    DOS 0x4E
    OKERR 'find in link dir'

    mov si, p_dotdot
    mov di, truebuf
    DOS 0x60
    OKERR 'truename above root'

    ; what the root shows: OUT, LINK.TXT and DANGLE.TXT stay invisible
    mov dx, dta
    DOS 0x1A
    mov dx, p_star
    mov cx, 0x16
    DOS 0x4E
.list:
    jc .listed
    PRINT 'found '
    mov si, dta + FIND_NAME
    call print_asciiz
    call crlf
    DOS 0x4F
    jmp .list
.listed:
    EXIT 0

    LIBCODE

p_dotdot:      db '..\..\etc\passwd', 0
p_rootdotdot:  db '\..\PROG.COM', 0
p_drivedotdot: db 'C:..\PROG.COM', 0
p_etc:         db '/etc/passwd', 0
p_tmp:         db '/tmp/x', 0
p_outsecret:   db 'OUT\SECRET.TXT', 0
p_linkfile:    db 'LINK.TXT', 0
p_qdrive:      db 'Q:\X.TXT', 0
p_inside:      db 'INLINK\IN.TXT', 0
p_subdotdot:   db 'SUB\..\SUB\IN.TXT', 0
p_outnew:      db 'OUT\NEW.TXT', 0
p_dangle:      db 'DANGLE.TXT', 0
p_mkdir:       db '..\ESCAPED', 0
p_out:         db 'OUT', 0
p_dotdotonly:  db '..', 0
p_outstar:     db 'OUT\*.*', 0
p_star:        db '*.*', 0
truebuf: times 128 db 0
dta: times 64 db 0
