; sec-tamper: a guest that rewrites the DOS data a path could be built from, then tries every
; file function. Drive C: is a folder whose parent holds SECRET.TXT, VICTIM.TXT, KEEPDIR\ and
; CHILD.COM; none of them may be read, changed, found or run, and nothing may appear there
; (issue 14). Four rounds, each after one more tampering:
;   1. C:'s CDS path (LoL+16h -> entry 2) becomes "C:\.."
;   2. the CDS path becomes "C:\../../..", slashes inside one component
;   3. LoL+16h points at a fake CDS array in this program whose C: entry says "C:\.."
;   4. every SFT entry's name field (LoL+04h) becomes "..\SECRET.TXT"-like text
; Each round reports every call; the test checks the output and the host folders.
%include "dos-files-lib.inc"

CDS_ENTRY   equ 0x58
CDS_FLAGS   equ 0x43
SFT_HEADER  equ 6
SFT_ENTRY   equ 0x3B
SFT_NAME    equ 0x21

start:
    mov sp, stack_top
    mov bx, 0x1000                          ; keep 64 KiB so EXEC has room
    DOS 0x4A
    mov [block + 4], cs
    mov [block + 8], cs
    mov [block + 12], cs
    mov dx, dta
    DOS 0x1A

    PRINTLN 'round 1'
    mov si, cds_dotdot
    call set_cds_path
    call attack

    PRINTLN 'round 2'
    mov si, cds_slashes
    call set_cds_path
    call attack

    PRINTLN 'round 3'
    ; a fake CDS array: C: (entry 2) valid, path "C:\.."
    mov di, fake_cds + 2 * CDS_ENTRY
    mov si, cds_dotdot
    call copy_asciiz
    mov word [fake_cds + 2 * CDS_ENTRY + CDS_FLAGS], 0x4000
    push es
    DOS 0x52
    mov word [es:bx + 0x16], fake_cds
    mov [es:bx + 0x18], cs
    pop es
    call attack

    PRINTLN 'round 4'
    call scribble_sft_names
    call attack
    EXIT 0

; set_cds_path: copies the ASCIIZ at DS:SI over C:'s CDS path (through the LoL).
set_cds_path:
    push es
    DOS 0x52
    les di, [es:bx + 0x16]
    add di, 2 * CDS_ENTRY
    call copy_asciiz
    pop es
    ret

; copy_asciiz: DS:SI -> ES:DI with the terminator.
copy_asciiz:
    push si
    push di
.next:
    lodsb
    stosb
    or al, al
    jnz .next
    pop di
    pop si
    ret

; scribble_sft_names: every entry of the first SFT block gets "..\SECRET." in its name field.
scribble_sft_names:
    push es
    DOS 0x52
    les di, [es:bx + 0x04]
    mov cx, [es:di + 4]
    add di, SFT_HEADER + SFT_NAME
.entry:
    push cx
    push di
    mov si, sft_name
    mov cx, 11
    rep movsb
    pop di
    pop cx
    add di, SFT_ENTRY
    loop .entry
    pop es
    ret

; attack: every file function on names that exist only outside the drive, and creations.
attack:
    mov dx, n_a1
    xor cx, cx
    DOS 0x3C
    OKERR '3Ch create A1.TXT'
    call close_ax

    mov dx, n_secret
    mov ax, 0x3D00
    int 0x21
    RESULT '3Dh open SECRET.TXT'
    call close_ax

    mov dx, n_d1
    DOS 0x39
    OKERR '39h mkdir D1'

    mov dx, n_keepdir
    DOS 0x3A
    OKERR '3Ah rmdir KEEPDIR'

    mov dx, n_keepdir
    DOS 0x3B
    OKERR '3Bh chdir KEEPDIR'

    mov dx, n_victim
    DOS 0x41
    OKERR '41h delete VICTIM.TXT'

    mov dx, n_victim
    mov ax, 0x4301
    mov cx, 1
    int 0x21
    OKERR '43h read-only VICTIM.TXT'

    mov dx, n_victim
    mov di, n_moved
    DOS 0x56
    OKERR '56h rename VICTIM.TXT'

    mov dx, n_a1
    mov di, n_moved
    DOS 0x56
    OKERR '56h rename A1.TXT to MOVED.TXT'

    mov byte [tempname], 0
    mov dx, tempname
    xor cx, cx
    DOS 0x5A
    OKERR '5Ah temp file'
    call close_ax

    mov dx, n_a2
    xor cx, cx
    DOS 0x5B
    OKERR '5Bh create new A2.TXT'
    call close_ax

    mov si, n_a3
    mov ax, 0x6C00
    mov bx, 2
    xor cx, cx
    mov dx, 0x11
    int 0x21
    OKERR '6Ch open/create A3.TXT'
    call close_ax

    mov si, n_secret
    mov ax, 0x6C00
    xor bx, bx
    xor cx, cx
    mov dx, 0x01
    int 0x21
    OKERR '6Ch open SECRET.TXT'
    call close_ax

    mov dx, n_secret
    mov cx, 0x16
    DOS 0x4E
    OKERR '4Eh find SECRET.TXT'

    mov dx, n_keepdir
    mov cx, 0x16
    DOS 0x4E
    OKERR '4Eh find KEEPDIR'

    mov dx, fcb_secret
    DOS 0x0F
    VALUE 'FCB 0Fh open SECRET.TXT', ax
    cmp al, 0
    jne .no_close
    mov dx, fcb_secret
    DOS 0x10
.no_close:

    mov dx, fcb_victim
    DOS 0x13
    VALUE 'FCB 13h delete VICTIM.TXT', ax

    mov dx, fcb_a4
    DOS 0x16
    VALUE 'FCB 16h create A4.TXT', ax
    mov dx, fcb_a4
    DOS 0x10

    mov dx, fcb_rename
    DOS 0x17
    VALUE 'FCB 17h rename VICTIM.TXT', ax

    mov dx, n_child
    mov bx, block
    mov ax, 0x4B00
    int 0x21
    OKERR '4Bh exec CHILD.COM'

    mov si, n_x
    mov di, truebuf
    DOS 0x60
    OKERR '60h truename X'
    PRINT '60h gives '
    mov si, truebuf
    call print_asciiz
    call crlf

    mov si, truebuf
    xor dl, dl
    DOS 0x47
    PRINT '47h gives \'
    call print_asciiz
    call crlf
    ret

; close_ax: closes handle AX when CF is clear (keeps the flags' meaning for nothing after).
close_ax:
    jc .done
    push bx
    mov bx, ax
    DOS 0x3E
    pop bx
.done:
    ret

    LIBCODE

cds_dotdot:  db 'C:\..', 0
cds_slashes: db 'C:\../../..', 0
sft_name:    db '..\SECRET.'
n_a1:        db 'A1.TXT', 0
n_a2:        db 'A2.TXT', 0
n_a3:        db 'A3.TXT', 0
n_d1:        db 'D1', 0
n_secret:    db 'SECRET.TXT', 0
n_victim:    db 'VICTIM.TXT', 0
n_moved:     db 'MOVED.TXT', 0
n_keepdir:   db 'KEEPDIR', 0
n_child:     db 'CHILD.COM', 0
n_x:         db 'X', 0
fcb_secret:  db 0, 'SECRET  TXT'
             times 37 db 0
fcb_victim:  db 0, 'VICTIM  TXT'
             times 37 db 0
fcb_a4:      db 0, 'A4      TXT'
             times 37 db 0
fcb_rename:  db 0, 'VICTIM  TXT', 0, 0, 0, 0, 0, 'MOVED2  TXT'
             times 37 db 0
block:       dw 0
             dw cmdtail, 0
             dw fcb_secret, 0
             dw fcb_secret, 0
cmdtail:     db 0, 13
tempname:    times 16 db 0
truebuf:     times 128 db 0
dta:         times 64 db 0
fake_cds:    times 26 * CDS_ENTRY db 0
             times 256 db 0
stack_top:
