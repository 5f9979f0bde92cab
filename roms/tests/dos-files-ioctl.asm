; dos-files-ioctl: INT 21h/44h on devices and files, and the character devices themselves (CON,
; NUL, CLOCK$, devices found in any directory and in \DEV).
%include "dos-files-lib.inc"

%macro INFO 2                   ; label, handle register/value: IOCTL 4400h and show DX
    mov bx, %2
    mov ax, 0x4400
    int 0x21
    OKERR %1
    VALUE '  info', dx
%endmacro

start:
    INFO 'stdin', 0
    INFO 'stdout', 1
    INFO 'stderr', 2
    INFO 'stdaux', 3
    INFO 'stdprn', 4
    mov ax, 0x4400
    mov bx, 9
    int 0x21
    OKERR 'closed handle'

    mov dx, n_file
    xor cx, cx
    DOS 0x3C
    mov [hf], ax
    INFO 'new file', [hf]
    mov bx, [hf]
    mov dx, n_file
    mov cx, 1
    DOS 0x40
    INFO 'written file', [hf]
    mov ax, 0x4406
    mov bx, [hf]
    int 0x21
    OKERR 'input status at end'
    xor ah, ah
    VALUE '  status', ax
    mov ax, 0x4200
    xor cx, cx
    xor dx, dx
    int 0x21
    mov ax, 0x4406
    int 0x21
    xor ah, ah
    VALUE 'input status at 0', ax
    mov ax, 0x4407
    int 0x21
    xor ah, ah
    VALUE 'output status', ax
    mov ax, 0x4401
    mov dx, 0x0020
    int 0x21
    OKERR 'set info on a file'
    mov ax, 0x440A
    int 0x21
    OKERR 'remote handle'
    VALUE '  dx', dx
    DOS 0x3E

    ; CON raw mode through handle 1
    mov ax, 0x4400
    mov bx, 1
    int 0x21
    xor dh, dh
    or dl, 0x20
    mov ax, 0x4401
    int 0x21
    OKERR 'set raw'
    INFO 'stdout raw', 1
    mov ax, 0x4401
    mov bx, 1
    mov dx, 0x01D3
    int 0x21
    OKERR 'set with DH'
    mov ax, 0x4401
    mov bx, 1
    mov dx, 0x00D3
    int 0x21
    OKERR 'set cooked'
    mov ax, 0x4402
    mov bx, 1
    mov cx, 4
    mov dx, buf
    int 0x21
    OKERR 'control read'
    mov ax, 0x4406
    mov bx, 0
    int 0x21
    xor ah, ah
    VALUE 'stdin status', ax

    ; drives
    mov ax, 0x4408
    mov bl, 0
    int 0x21
    RESULT 'removable C'
    mov ax, 0x4408
    mov bl, 5
    int 0x21
    RESULT 'removable E'
    mov ax, 0x4409
    mov bl, 3
    int 0x21
    OKERR 'remote drive'
    VALUE '  dx', dx
    mov ax, 0x440E
    mov bl, 0
    int 0x21
    xor ah, ah
    OKERR 'drive map'
    VALUE '  al', ax
    mov ax, 0x440D
    mov bl, 3
    mov cx, 0x0860
    int 0x21
    OKERR 'generic block'

    ; devices
    mov dx, n_nul
    mov ax, 0x3D02
    int 0x21
    RESULT 'open NUL'
    mov [hf], ax
    INFO 'NUL', [hf]
    mov bx, [hf]
    mov dx, buf
    mov cx, 7
    DOS 0x40
    RESULT 'write NUL'
    mov dx, buf
    mov cx, 7
    DOS 0x3F
    RESULT 'read NUL'
    DOS 0x3E

    mov dx, n_clock
    mov ax, 0x3D00
    int 0x21
    RESULT 'open clock device'
    mov bx, ax
    INFO 'clock device', bx
    mov dx, buf
    mov cx, 6
    DOS 0x3F
    RESULT 'read clock device'
    DOS 0x3E

    mov dx, n_devcon
    mov ax, 0x3D01
    int 0x21
    RESULT 'open \DEV\CON'
    mov bx, ax
    mov dx, msg
    mov cx, msglen
    DOS 0x40
    RESULT 'write CON'
    DOS 0x3E
    mov dx, n_subnul
    mov ax, 0x3D00
    int 0x21
    RESULT 'open SUB\NUL.TXT'
    mov bx, ax
    DOS 0x3E
    mov dx, n_nosubnul
    mov ax, 0x3D00
    int 0x21
    RESULT 'open NOSUB\NUL'
    mov dx, n_prn
    mov ax, 0x3D01
    int 0x21
    RESULT 'open PRN'
    mov bx, ax
    INFO 'PRN', bx
    DOS 0x3E
    EXIT 0

    LIBCODE

n_file:     db 'T.TXT', 0
n_nul:      db 'nul', 0
n_clock:    db 'CLOCK$', 0
n_devcon:   db '\DEV\CON', 0
n_subnul:   db 'SUB\NUL.TXT', 0
n_nosubnul: db 'NOSUB\NUL', 0
n_prn:      db 'PRN', 0
msg:        db 'via CON', 13, 10
msglen      equ $ - msg
hf: dw 0
buf: times 16 db 0
