; dos-core-psp: what a .COM program finds at start, printed as KEY=value lines for the test:
; the registers DOS set, its PSP field by field, the environment block (strings, word count,
; program path), the DTA, 50h/51h/62h, the List of Lists and the MCB chain walked by hand, the
; InDOS flag, then exits with return code 7.
    org 0x100
%include "dos-core-lib.inc"

start:
    ; Registers exactly as DOS left them (DS = CS here, but use CS: to be explicit).
    mov [cs:r_ax], ax
    mov [cs:r_bx], bx
    mov [cs:r_cx], cx
    mov [cs:r_dx], dx
    mov [cs:r_si], si
    mov [cs:r_di], di
    mov [cs:r_bp], bp
    mov [cs:r_sp], sp
    mov [cs:r_ds], ds
    mov [cs:r_es], es
    mov [cs:r_ss], ss
    mov [cs:r_cs], cs
    pushf
    pop word [cs:r_fl]
    mov bx, sp
    mov ax, [ss:bx]
    mov [cs:r_top], ax

    HEX 'AX', [r_ax]
    HEX 'BX', [r_bx]
    HEX 'CX', [r_cx]
    HEX 'DX', [r_dx]
    HEX 'SI', [r_si]
    HEX 'DI', [r_di]
    HEX 'BP', [r_bp]
    HEX 'SP', [r_sp]
    HEX 'DS', [r_ds]
    HEX 'ES', [r_es]
    HEX 'SS', [r_ss]
    HEX 'CS', [r_cs]
    HEX 'FLAGS', [r_fl]
    HEX 'STACKTOP', [r_top]

    ; ---- the PSP
    SAY 'PSP00='
    mov si, 0
    mov cx, 2
    call print_bytes
    HEX 'MEMTOP', [2]
    SAY 'CPM='
    mov si, 5
    mov cx, 5
    call print_bytes
    HEX 'INT22OFF', [0x0A]
    HEX 'INT22SEG', [0x0C]
    HEX 'INT23OFF', [0x0E]
    HEX 'INT23SEG', [0x10]
    HEX 'INT24OFF', [0x12]
    HEX 'INT24SEG', [0x14]
    HEX 'PARENT', [0x16]
    SAY 'JFT='
    mov si, 0x18
    mov cx, 20
    call print_bytes
    HEX 'ENV', [0x2C]
    HEX 'JFTSIZE', [0x32]
    HEX 'JFTOFF', [0x34]
    HEX 'JFTSEG', [0x36]
    HEX 'PREV1', [0x38]
    HEX 'PREV2', [0x3A]
    HEX 'VERSION', [0x40]
    SAY 'CALL21='
    mov si, 0x50
    mov cx, 3
    call print_bytes
    SAY 'FCB1='
    mov si, 0x5C
    mov cx, 16
    call print_bytes
    SAY 'FCB2='
    mov si, 0x6C
    mov cx, 16
    call print_bytes
    SAY 'TAIL='
    mov si, 0x80
    mov cx, 0x80
    call print_bytes

    ; ---- the environment: strings, then the word count and the program's path
    push ds
    mov ds, [0x2C]
    xor si, si
.envloop:
    cmp byte [si], 0
    je .envend
    SAY 'ENVSTR='
    call print_asciiz
.skip:
    lodsb
    or al, al
    jnz .skip
    jmp .envloop
.envend:
    inc si
    lodsw
    HEX 'ENVCOUNT', ax
    SAY 'ENVPATH='
    call print_asciiz
    pop ds

    ; ---- DTA, current PSP
    DOS 0x2F
    HEX 'DTASEG', es
    HEX 'DTAOFF', bx
    DOS 0x51
    HEX 'PSP51', bx
    DOS 0x62
    HEX 'PSP62', bx
    mov si, bx
    mov bx, 0x1234              ; (no output while the PSP is not a real one)
    DOS 0x50
    DOS 0x51
    mov [set51], bx
    DOS 0x62
    mov [set62], bx
    mov bx, si
    DOS 0x50
    HEX 'PSPSET', [set51]
    HEX 'PSPSET62', [set62]
    DOS 0x51
    HEX 'PSPBACK', bx

    ; ---- InDOS, List of Lists, MCB chain
    DOS 0x34
    HEX 'INDOSSEG', es
    HEX 'INDOSOFF', bx
    mov al, [es:bx]
    xor ah, ah
    HEX 'INDOS', ax
    DOS 0x52
    HEX 'LOLSEG', es
    HEX 'LOLOFF', bx
    mov ax, [es:bx-2]
    HEX 'FIRSTMCB', ax
    mov cx, 20                  ; at most 20 blocks
.mcb:
    mov es, ax
    SAY 'MCB='
    push ax
    call print_hex16
    SAY ' '
    mov al, [es:0]
    call print_hex8
    SAY ' '
    mov ax, [es:1]
    call print_hex16
    SAY ' '
    mov ax, [es:3]
    call print_hex16
    SAY ' '
    push ds
    push es
    pop ds
    mov si, 8
    push cx
    mov cx, 8
.name:
    lodsb
    or al, al
    jz .named
    mov dl, al
    DOS 0x02
    loop .name
.named:
    pop cx
    pop ds
    call crlf
    pop ax
    cmp byte [es:0], 'Z'
    je .mcbdone
    add ax, [es:3]
    inc ax
    dec cx
    jz .mcbdone
    jmp .mcb
.mcbdone:
    EXIT 7

r_ax: dw 0
r_bx: dw 0
r_cx: dw 0
r_dx: dw 0
r_si: dw 0
r_di: dw 0
r_bp: dw 0
r_sp: dw 0
r_ds: dw 0
r_es: dw 0
r_ss: dw 0
r_cs: dw 0
r_fl: dw 0
r_top: dw 0
set51: dw 0
set62: dw 0

    CORELIB
