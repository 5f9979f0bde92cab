; sec-bigexec: EXECs BIG.COM and BIG.EXE, files far larger than memory that the test makes
; (sparse, 1.9 GB, the EXE with an MZ header claiming 65535 pages), and HUGEOVL.EXE, a small EXE
; followed by 3 MiB of overlay data (which DOS never loads, so it runs). Each must be refused with
; error 8 at once, without the host reading the file (issue 14).
%include "dos-files-lib.inc"

start:
    mov sp, stack_top
    mov bx, 0x1000
    DOS 0x4A
    mov [block + 4], cs
    mov [block + 8], cs
    mov [block + 12], cs
    mov dx, n_com
    call exec
    OKERR 'exec BIG.COM'
    mov dx, n_exe
    call exec
    OKERR 'exec BIG.EXE'
    mov dx, n_ovl
    call exec
    OKERR 'exec HUGEOVL.EXE'
    EXIT 0

exec:
    push cs
    pop es
    mov bx, block
    mov ax, 0x4B00
    int 0x21
    push cs
    pop ds
    ret

    LIBCODE

n_com: db 'BIG.COM', 0
n_exe: db 'BIG.EXE', 0
n_ovl: db 'HUGEOVL.EXE', 0
block: dw 0
       dw tail, 0
       dw fcb, 0
       dw fcb, 0
tail:  db 0, 13
fcb:   times 37 db 0
       times 256 db 0
stack_top:
