; dos-files-jft: INT 21h/67h and the JFT/SFT as a program sees them in memory.
; 1. With the 20-entry JFT, opens files until DOS says "too many open files" (15 fit after the 5
;    standard handles), then closes them.
; 2. Raises the handle count to 48 and reads PSP+32h (size) and PSP+34h (far pointer, now outside
;    the PSP); opens 30 files (handles 5..34), and walks JFT -> SFT itself for handles 0, 5 and 34:
;    SFN from the JFT, the SFT chain from the List of Lists (INT 21h/52h, +04h), the entry's name
;    at +21h and its reference count at +00h.
; 3. Tries to lower the count to 20 while handle 34 is open (error 4), closes everything and lowers
;    it (the pointer is back at PSP:0018, the size 20).
; 4. Raises the count to 130 and opens files until DOS refuses: the SFT chain runs out after 117
;    (120 entries, 3 held by the standard devices), with error 4; closes them all again.
%include "dos-files-lib.inc"

start:
    call shrink

    ; ---- 1: the default table runs out after 15 opens
    mov byte [digits], '0'
    mov byte [digits+1], '0'
    xor si, si
.fill20:
    call make_file
    jc .full20
    mov [handles+si], ax
    add si, 2
    call next_name
    jmp .fill20
.full20:
    RESULT 'open#16'
    mov ax, si
    shr ax, 1
    VALUE 'opened', ax
    call close_all
    call delete_all

    ; ---- 2: 48 handles
    mov bx, 48
    DOS 0x67
    OKERR 'count48'
    VALUE 'size', [0x32]
    mov ax, [0x36]
    mov bx, cs
    cmp ax, bx
    je .inpsp
    PRINTLN 'jft moved out of the PSP'
    jmp .opens
.inpsp:
    PRINTLN 'jft still in the PSP'
.opens:
    VALUE 'jft offset', [0x34]

    mov byte [digits], '0'
    mov byte [digits+1], '0'
    xor si, si
    mov cx, 30
.open30:
    call make_file
    jc .openfail
    mov [handles+si], ax
    ; write the file's own name into it
    push cx
    mov bx, ax
    mov dx, fname
    mov cx, 7
    DOS 0x40
    pop cx
    add si, 2
    call next_name
    loop .open30
    jmp .opened
.openfail:
    RESULT 'open failed'
    EXIT 1
.opened:
    mov ax, [handles+58]
    VALUE 'last handle', ax

    ; the JFT itself: the active table's entries for handles 0, 5, 34
    les di, [0x34]
    mov al, [es:di]
    xor ah, ah
    VALUE 'jft[0]', ax
    mov al, [es:di+34]
    VALUE 'jft[34]', ax

    mov bx, 0
    call show_handle
    mov bx, 5
    call show_handle
    mov bx, 34
    call show_handle

    ; ---- 3: shrinking over an open handle fails; after closing it works
    mov bx, 20
    DOS 0x67
    OKERR 'count20 while open'
    VALUE 'size', [0x32]
    call close_all
    mov bx, 20
    DOS 0x67
    OKERR 'count20'
    VALUE 'size', [0x32]
    mov ax, [0x36]
    mov bx, cs
    cmp ax, bx
    jne .notback
    PRINTLN 'jft back in the PSP'
    jmp .off
.notback:
    PRINTLN 'jft not back'
.off:
    VALUE 'jft offset', [0x34]

    ; ---- 4: the SFT has room for well over 100 open files
    mov bx, 130
    DOS 0x67
    OKERR 'count130'
    mov byte [fname], 'G'
    mov byte [digits], '0'
    mov byte [digits+1], '0'
    xor si, si
.many:
    call make_file
    jc .sftfull
    mov [handles+si], ax
    add si, 2
    call next_name
    cmp si, 2*MAX_HANDLES
    jb .many
.sftfull:
    RESULT 'open until full'
    mov ax, si
    shr ax, 1
    VALUE 'opened', ax
    call close_all
    EXIT 0

; show_handle: BX = handle. Prints "h<handle> sfn <sfn> refs <n> name <11 chars>" found by walking
; JFT -> SFT in memory.
show_handle:
    push es
    push ds
    PRINT 'handle '
    mov ax, bx
    call print_hex16
    les di, [0x34]
    mov al, [es:di+bx]
    xor ah, ah
    PRINT ' sfn '
    call print_hex16
    call walk_sft
    jc .bad
    PRINT ' refs '
    mov ax, [es:di]
    call print_hex16
    PRINT ' name '
    push es
    pop ds
    lea si, [di+0x21]
    mov cx, 11
    call print_fixed
    pop ds
    pop es
    call crlf
    ret
.bad:
    pop ds
    pop es
    PRINTLN ' not in the SFT chain'
    ret

; walk_sft: AL = SFN -> ES:DI = its SFT entry (CF clear), following the chain from LoL+04h.
walk_sft:
    push ax
    push bx
    push cx
    push dx
    xor ah, ah
    mov cx, ax
    DOS 0x52                    ; ES:BX = List of Lists
    les di, [es:bx+4]           ; first SFT block
.block:
    cmp di, 0xFFFF
    je .fail
    mov ax, [es:di+4]           ; entries in this block
    cmp cx, ax
    jb .found
    sub cx, ax
    les di, [es:di]             ; next block
    jmp .block
.found:
    mov ax, 0x3B
    mul cx
    add di, ax
    add di, 6
    clc
    jmp .out
.fail:
    stc
.out:
    pop dx
    pop cx
    pop bx
    pop ax
    ret

; make_file: creates fname (F<digits>.TMP); AX = handle or error, CF.
make_file:
    push cx
    push dx
    mov dx, fname
    xor cx, cx
    DOS 0x3C
    pop dx
    pop cx
    ret

; next_name: F00 -> F01 ... F99 -> FA0 ...
next_name:
    inc byte [digits+1]
    cmp byte [digits+1], '9'
    jbe .ok
    mov byte [digits+1], '0'
    inc byte [digits]
    cmp byte [digits], '9' + 1
    jne .ok
    mov byte [digits], 'A'
.ok:
    ret

; close_all: closes every handle in handles[] that is not zero, and zeroes it.
close_all:
    push si
    push bx
    xor si, si
.next:
    mov bx, [handles+si]
    or bx, bx
    jz .skip
    DOS 0x3E
    mov word [handles+si], 0
.skip:
    add si, 2
    cmp si, 2*MAX_HANDLES
    jb .next
    pop bx
    pop si
    ret

; delete_all: deletes F00.TMP .. F19.TMP (the files of part 1).
delete_all:
    mov byte [digits], '0'
    mov byte [digits+1], '0'
    mov cx, 20
.next:
    mov dx, fname
    DOS 0x41
    call next_name
    loop .next
    ret

    LIBCODE

fname:  db 'F'
digits: db '00.TMP', 0
MAX_HANDLES equ 130
handles: times MAX_HANDLES dw 0
