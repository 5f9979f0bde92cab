; dos-files-names: host names as DOS sees them. The test puts long, mixed-case and non-ASCII names
; on C: (LongFileName.text, "another long name.txt", MiXeD.TxT, résumé.doc, 日本語.txt, .hidden,
; readme); the guest lists them, opens them by their short or CP437 names in any case, asks
; truename, and creates files whose names DOS truncates to 8.3 or spells in CP437.
%include "dos-files-lib.inc"

%macro SHOW 2                   ; label, name: open, read up to 40 bytes, print, close
    mov dx, %2
    mov ax, 0x3D00
    int 0x21
    RESULT %1
    jc %%skip
    mov bx, ax
    mov dx, buf
    mov cx, 40
    DOS 0x3F
    mov cx, ax
    mov si, buf
    PRINT '  '
    call print_fixed
    call crlf
    DOS 0x3E
%%skip:
%endmacro

%macro TRUENAME 1
    mov si, %1
    mov di, buf
    DOS 0x60
    OKERR 'truename'
    mov si, buf
    PRINT '  '
    call print_asciiz
    call crlf
%endmacro

start:
    mov dx, dta
    DOS 0x1A
    mov dx, n_star
    mov cx, 0x16
    DOS 0x4E
.list:
    jc .listed
    PRINT 'found '
    mov si, dta + FIND_NAME
    call print_asciiz
    PRINT ' attr '
    mov al, [dta + FIND_ATTR]
    xor ah, ah
    call print_hex16
    call crlf
    DOS 0x4F
    jmp .list
.listed:
    SHOW 'open LONGFI~1.TEX', n_long
    SHOW 'open longfi~1.tex', n_longlower
    SHOW 'open ANOTHE~1.TXT', n_another
    SHOW 'open mixed.txt', n_mixed
    SHOW 'open README', n_readme
    SHOW 'open resume in CP437', n_resume
    SHOW 'open ___~1.TXT', n_japanese
    SHOW 'open long name itself', n_fulllong

    TRUENAME n_long
    TRUENAME n_fulllong
    TRUENAME n_wild
    TRUENAME n_con

    mov dx, n_new
    xor cx, cx
    DOS 0x3C
    RESULT 'create verylongfilename.text'
    mov bx, ax
    DOS 0x3E
    mov dx, n_newshort
    mov ax, 0x3D00
    int 0x21
    RESULT 'open VERYLONG.TEX'
    mov bx, ax
    DOS 0x3E
    mov dx, n_cafe
    xor cx, cx
    DOS 0x3C
    RESULT 'create cafe in CP437'
    mov bx, ax
    DOS 0x3E
    mov dx, n_bad
    xor cx, cx
    DOS 0x3C
    RESULT 'create A+B.TXT'
    mov dx, n_twodots
    xor cx, cx
    DOS 0x3C
    RESULT 'create A.B.C'
    EXIT 0

    LIBCODE

n_star:      db '*.*', 0
n_long:      db 'LONGFI~1.TEX', 0
n_longlower: db 'longfi~1.tex', 0
n_another:   db 'ANOTHE~1.TXT', 0
n_mixed:     db 'mixed.txt', 0
n_readme:    db 'README', 0
n_resume:    db 'r', 0x82, 'sum', 0x82, '.doc', 0       ; résumé.doc in CP437
n_japanese:  db '___~1.TXT', 0
n_cafe:      db 'CAF', 0x90, '.TXT', 0                  ; CAFÉ.TXT in CP437
n_fulllong:  db 'LongFileName.text', 0
n_wild:      db 'sub\*.c', 0
n_con:       db 'con', 0
n_new:       db 'verylongfilename.text', 0
n_newshort:  db 'VERYLONG.TEX', 0
n_bad:       db 'A+B.TXT', 0
n_twodots:   db 'A.B.C', 0
dta: times 64 db 0
buf: times 128 db 0
