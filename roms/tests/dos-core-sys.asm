; dos-core-sys: the kernel's system functions, each result printed as KEY=value: vectors
; (25h/35h), date and time (2Ah-2Dh), version (30h, 3306h), break/boot drive (33h), switch
; character (37h), verify (2Eh/54h), country (38h, 65h, 66h), extended error (59h), PSP creation
; (26h, 55h), the SDA (5D06h), the DBCS table (63h), INT 2Fh's DOS answers, a CP/M null function
; and an unknown function. Exits with return code 0.
    org 0x100
%include "dos-core-lib.inc"

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM

    ; ---- vectors
    push ds
    mov ax, 0x1234
    mov ds, ax
    mov dx, 0x5678
    mov ax, 0x2561
    int 0x21
    pop ds
    mov ax, 0x3561
    int 0x21
    HEX 'VECSEG', es
    HEX 'VECOFF', bx

    ; ---- date and time
    DOS 0x2A
    HEX 'YEAR', cx
    mov cx, 2001
    mov dh, 2
    mov dl, 3
    DOS 0x2B
    HEX 'SETDATE', ax
    DOS 0x2A
    HEX 'YEAR2', cx
    HEX 'MONTHDAY', dx
    xor ah, ah
    HEX 'WEEKDAY', ax
    mov cx, 2001
    mov dh, 2
    mov dl, 30
    DOS 0x2B
    HEX 'BADDATE', ax
    mov ch, 12
    mov cl, 34
    mov dh, 56
    mov dl, 0
    DOS 0x2D
    HEX 'SETTIME', ax
    DOS 0x2C
    HEX 'HOURMIN', cx
    mov al, dh
    xor ah, ah
    HEX 'SECOND', ax
    mov ch, 25
    DOS 0x2D
    HEX 'BADTIME', ax

    ; ---- version, break, switch character, verify
    mov al, 0
    DOS 0x30
    HEX 'VER', ax
    HEX 'VERBX', bx
    HEX 'VERCX', cx
    mov al, 1
    DOS 0x30
    HEX 'VERFLAGS', bx
    mov ax, 0x3306
    int 0x21
    HEX 'TRUEVER', bx
    HEX 'TRUEREV', dx
    mov ax, 0x3300
    int 0x21
    HEX 'BREAK', dx
    mov ax, 0x3302
    mov dl, 1
    int 0x21
    HEX 'XCHG', dx
    mov ax, 0x3300
    int 0x21
    HEX 'BREAK2', dx
    mov ax, 0x3301
    mov dl, 0
    int 0x21
    mov ax, 0x3305
    int 0x21
    HEX 'BOOT', dx
    mov ax, 0x33FF
    int 0x21
    HEX 'BAD33', ax
    mov ax, 0x3700
    int 0x21
    HEX 'SWITCH', dx
    mov al, 1
    DOS 0x2E
    DOS 0x54
    HEX 'VERIFY', ax
    mov al, 0
    DOS 0x2E

    ; ---- country
    mov dx, buffer
    mov ax, 0x3800
    int 0x21
    CF 'COUNTRY'
    HEX 'COUNTRYCODE', bx
    SAY 'CINFO='
    mov si, buffer
    mov cx, 0x22
    call print_bytes
    push cs
    pop es
    mov di, buffer
    mov cx, 0x40
    mov bx, 0xFFFF
    mov dx, 0xFFFF
    mov ax, 0x6501
    int 0x21
    CF 'EXTINFO'
    HEX 'EXTLEN', cx
    SAY 'EXT='
    mov si, buffer
    call print_bytes
    mov dl, 'a'
    mov ax, 0x6520
    int 0x21
    HEX 'UPPER', dx
    mov dl, 0x84                            ; a-umlaut
    mov ax, 0x6520
    int 0x21
    HEX 'UPPER84', dx
    mov dl, 'y'
    mov ax, 0x6523
    int 0x21
    HEX 'YES', ax
    mov dl, 'n'
    mov ax, 0x6523
    int 0x21
    HEX 'NO', ax
    mov ax, 0x6601
    int 0x21
    HEX 'CODEPAGE', bx

    ; ---- extended error after a failing open
    mov dx, nofile
    mov ax, 0x3D00
    int 0x21
    CF 'OPENMISSING'
    DOS 0x59
    HEX 'EXTERR', ax
    HEX 'EXTCLASS', bx
    mov al, ch
    xor ah, ah
    HEX 'EXTLOCUS', ax

    ; ---- 26h: a DOS 1 style copy of our PSP; 55h: a child PSP that becomes current
    DOS 0x62
    mov [mypsp], bx
    mov bx, 0x20
    DOS 0x48
    mov [psp26], ax
    mov dx, ax
    DOS 0x26
    DOS 0x62
    HEX 'AFTER26', bx
    mov es, [psp26]
    HEX 'P26INT', [es:0]
    HEX 'P26TOP', [es:2]
    HEX 'P26PARENT', [es:0x16]
    HEX 'P26JFTPTR', [es:0x36]
    HEX 'P26ENV', [es:0x2C]
    mov bx, 0x20
    DOS 0x48
    mov [psp55], ax
    mov dx, ax
    mov si, ax
    add si, 0x20
    DOS 0x55
    mov [al55], al
    DOS 0x62
    mov [after55], bx
    mov bx, [mypsp]
    DOS 0x50                                ; back to ourselves before printing
    HEX 'AFTER55', [after55]
    mov al, [al55]
    xor ah, ah
    HEX 'AL55', ax
    mov es, [psp55]
    HEX 'P55TOP', [es:2]
    HEX 'P55PARENT', [es:0x16]
    SAY 'P55JFT='
    push ds
    push es
    pop ds
    mov si, 0x18
    mov cx, 6
    call print_bytes
    pop ds

    ; ---- SDA, DBCS table, InDOS
    mov ax, 0x5D06
    push ds
    int 0x21
    mov ax, ds
    pop ds
    HEX 'SDASEG', ax
    HEX 'SDAOFF', si
    HEX 'SDASIZE', cx
    HEX 'SDAALWAYS', dx
    mov ax, 0x6300
    push ds
    int 0x21
    mov ax, [si]
    pop ds
    HEX 'DBCS', ax

    ; ---- INT 2Fh
    mov ax, 0x1200
    int 0x2F
    HEX 'MUX1200', ax
    mov ax, 0x1600
    int 0x2F
    HEX 'MUX1600', ax
    mov bx, 1
    mov ax, 0x1220
    int 0x2F
    CF 'MUX1220'
    mov bl, [es:di]
    xor bh, bh
    HEX 'SFN1', bx
    mov ax, 0x1216
    int 0x2F
    CF 'MUX1216'
    HEX 'SFTREF', [es:di]
    mov ax, 0x4A01
    int 0x2F
    HEX 'HMAFREE', bx
    HEX 'HMASEG', es

    ; ---- a CP/M null function and a function nobody serves
    mov al, 0x55
    DOS 0x18
    HEX 'NULL18', ax
    mov ax, 0xF0F0
    int 0x21
    CF 'UNKNOWN'
    EXIT 0

    CORELIB

nofile:     db 'NOSUCH.TXT', 0
mypsp:      dw 0
psp26:      dw 0
psp55:      dw 0
after55:    dw 0
al55:       db 0
buffer:     times 0x40 db 0
            times 256 db 0
stack_top:
end_of_program:
