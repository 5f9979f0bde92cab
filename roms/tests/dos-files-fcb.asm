; dos-files-fcb: the FCB functions as DOS 1.x programs use them, and INT 21h/29h parsing.
; 29h on several strings; 16h create + 15h sequential write + 10h close; 0Fh open (size, record
; size); 14h sequential reads to the end; 21h random read; 22h random write with another record
; size; 24h; 27h random block read with a partial last record; 23h file size; 28h with CX=0
; (truncate); 17h rename; 11h/12h search (normal and extended FCB); 13h delete with wildcards.
; RENAMED.DAT stays: 128 x 'A' then 128 x 'B'.
; The test prepares ADIR (a directory) and OLD.TXT ("old contents").
%include "dos-files-lib.inc"

FCB_DRIVE   equ 0x00
FCB_NAME    equ 0x01
FCB_BLOCK   equ 0x0C
FCB_RECSIZE equ 0x0E
FCB_SIZE    equ 0x10
FCB_RECORD  equ 0x20
FCB_RANDOM  equ 0x21

%macro PARSE 3                  ; label, text, flags: parse into pfcb and show the result
    mov si, %2
    mov di, pfcb
    mov al, %3
    DOS 0x29
    PRINT %1
    call show_parse
%endmacro

start:
    mov dx, dta
    DOS 0x1A

    PARSE 'parse 1', t_drive, 1
    PARSE 'parse 2', t_wild, 0
    PARSE 'parse 3', t_baddrive, 0
    mov byte [pfcb+FCB_NAME+8], 'D'     ; a kept extension
    mov byte [pfcb+FCB_NAME+9], 'O'
    mov byte [pfcb+FCB_NAME+10], 'C'
    PARSE 'parse 4', t_noext, 0x0E
    PARSE 'parse 5', t_sep, 1
    PARSE 'parse 6', t_long, 0

    ; ---- create and write two 128-byte records
    mov dx, fcb
    DOS 0x16
    call al_line
    mov di, dta
    mov al, 'A'
    mov cx, 128
    rep stosb
    mov dx, fcb
    DOS 0x15
    call al_line
    mov di, dta
    mov al, 'B'
    mov cx, 128
    rep stosb
    mov dx, fcb
    DOS 0x15
    call al_line
    mov dx, fcb
    DOS 0x10
    call al_line

    ; ---- open again: size and record size as DOS fills them
    mov word [fcb+FCB_BLOCK], 0x1234
    mov dx, fcb
    DOS 0x0F
    call al_line
    VALUE 'size', [fcb+FCB_SIZE]
    VALUE 'record size', [fcb+FCB_RECSIZE]
    VALUE 'block', [fcb+FCB_BLOCK]
    mov byte [fcb+FCB_RECORD], 0
    mov dx, fcb
    DOS 0x14
    call al_line
    call first_byte
    mov dx, fcb
    DOS 0x14
    call al_line
    call first_byte
    mov dx, fcb
    DOS 0x14
    call al_line
    mov al, [fcb+FCB_RECORD]
    xor ah, ah
    VALUE 'current record', ax

    mov word [fcb+FCB_RANDOM], 1
    mov word [fcb+FCB_RANDOM+2], 0
    mov dx, fcb
    DOS 0x21
    call al_line
    call first_byte

    ; ---- 100-byte records: record 3 lands at 300
    mov word [fcb+FCB_RECSIZE], 100
    mov word [fcb+FCB_RANDOM], 3
    mov di, dta
    mov al, 'C'
    mov cx, 100
    rep stosb
    mov dx, fcb
    DOS 0x22
    call al_line
    VALUE 'size', [fcb+FCB_SIZE]

    mov word [fcb+FCB_BLOCK], 0
    mov byte [fcb+FCB_RECORD], 5
    mov dx, fcb
    DOS 0x24
    VALUE 'random from current', [fcb+FCB_RANDOM]

    ; ---- block read of 4 x 128 from 0: 3 whole records and 16 bytes
    mov word [fcb+FCB_RECSIZE], 128
    mov word [fcb+FCB_RANDOM], 0
    mov cx, 4
    mov dx, fcb
    DOS 0x27
    call al_line
    VALUE 'records', cx
    VALUE 'random after', [fcb+FCB_RANDOM]
    mov al, [dta + 300]
    mov ah, [dta + 399]
    VALUE 'bytes 300/399', ax
    mov al, [dta + 400]
    mov ah, [dta + 511]
    VALUE 'padding', ax

    ; ---- truncate to 2 records with a zero-count block write
    mov word [fcb+FCB_RANDOM], 2
    xor cx, cx
    mov dx, fcb
    DOS 0x28
    call al_line
    VALUE 'size', [fcb+FCB_SIZE]
    mov dx, fcb
    DOS 0x10
    call al_line

    ; ---- file size in records of an unopened FCB
    mov word [sizefcb+FCB_RECSIZE], 100
    mov dx, sizefcb
    DOS 0x23
    call al_line
    VALUE 'records of 100', [sizefcb+FCB_RANDOM]

    ; ---- rename, search, delete
    mov dx, renfcb
    DOS 0x17
    call al_line
    mov dx, findfcb
    DOS 0x11
.found:
    call al_line
    cmp al, 0
    jne .searched
    PRINT '  found '
    mov si, dta + 1
    mov cx, 11
    call print_fixed
    call crlf
    mov dx, findfcb
    DOS 0x12
    jmp .found
.searched:
    mov dx, xfindfcb
    DOS 0x11
    call al_line
    PRINT '  extended found '
    mov si, dta + 8
    mov cx, 11
    call print_fixed
    PRINT ' attr '
    mov al, [dta + 8 + 11]
    xor ah, ah
    call print_hex16
    call crlf
    mov dx, del1fcb
    DOS 0x16
    mov dx, del1fcb
    DOS 0x10
    mov dx, del2fcb
    DOS 0x16
    mov dx, del2fcb
    DOS 0x10
    mov dx, delfcb
    DOS 0x13
    call al_line
    mov dx, delfcb
    DOS 0x13
    call al_line
    mov dx, missingfcb
    DOS 0x0F
    call al_line

    ; ---- an existing file, read in two sequential records of 8
    mov dx, oldfcb
    DOS 0x0F
    call al_line
    mov word [oldfcb+FCB_RECSIZE], 8
    mov byte [oldfcb+FCB_RECORD], 0
    mov dx, oldfcb
    DOS 0x14
    call al_line
    mov si, dta
    mov cx, 8
    call print_fixed
    call crlf
    mov dx, oldfcb
    DOS 0x14
    call al_line
    mov si, dta
    mov cx, 8
    call print_fixed
    call crlf
    mov dx, oldfcb
    DOS 0x10
    EXIT 0

; al_line: prints "AL hh".
al_line:
    push ax
    xor ah, ah
    PRINT 'AL '
    call print_hex16
    call crlf
    pop ax
    ret

first_byte:
    push ax
    mov al, [dta]
    xor ah, ah
    VALUE 'first byte', ax
    pop ax
    ret

; show_parse: " AL hh drive hh name <11> rest <text>"
show_parse:
    push si
    xor ah, ah
    PRINT ' AL '
    call print_hex16
    PRINT ' drive '
    mov al, [pfcb]
    call print_hex16
    PRINT ' name '
    push si
    mov si, pfcb + 1
    mov cx, 11
    call print_fixed
    pop si
    PRINT ' rest '
    call print_asciiz
    call crlf
    pop si
    ret

    LIBCODE

t_drive:    db '  c:hello.txt rest', 0
t_wild:     db '*.c', 0
t_baddrive: db 'x:foo', 0
t_noext:    db 'readme', 0
t_sep:      db ',file.ext', 0
t_long:     db 'verylongname.text+more', 0

pfcb:       times 37 db 0
fcb:        db 0, 'NEWFILE DAT'
            times 37 - 12 db 0
sizefcb:    db 0, 'NEWFILE DAT'
            times 37 - 12 db 0
renfcb:     db 0, 'NEWFILE DAT', 0, 0, 0, 0, 0, 'RENAMED DAT'   ; new name at 11h
            times 37 - 28 db 0
findfcb:    db 0, '????????DAT'
            times 37 - 12 db 0
xfindfcb:   db 0xFF, 0, 0, 0, 0, 0, 0x10
            db 0, 'ADIR       '
            times 37 - 12 db 0
delfcb:     db 3, 'DEL?    ???'
            times 37 - 12 db 0
del1fcb:    db 0, 'DEL1    DAT'
            times 37 - 12 db 0
del2fcb:    db 3, 'DEL2    TMP'
            times 37 - 12 db 0
missingfcb: db 0, 'MISSING TXT'
            times 37 - 12 db 0
oldfcb:     db 0, 'OLD     TXT'
            times 37 - 12 db 0
dta:        times 512 db 0xEE
