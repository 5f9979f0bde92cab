; dos-files-slash: DOS paths rooted with '/' ('/' is a separator like '\', never a host path).
; Creates C:/NEW.TXT and /X.TXT (3Ch, writing "new" / "x"), C:/%PIPE1.$$$ as MS-DOS 2.0's
; COMMAND.COM names its pipe files, and a temporary file with 5Ah in "C:/" (prints the name DOS
; completed). Each as "KEY=ok" or "KEY=err hhhh". Exits 0.
    org 0x100
%include "dos-core-lib.inc"

%macro CREATE_WRITE 4                   ; key, path, text, length
    mov dx, %2
    xor cx, cx
    DOS 0x3C
    CF %1
    jc %%done
    mov bx, ax
    mov dx, %3
    mov cx, %4
    DOS 0x40
    DOS 0x3E
%%done:
%endmacro

start:
    CREATE_WRITE 'NEW', p_new, t_new, 3
    CREATE_WRITE 'X', p_x, t_x, 1
    CREATE_WRITE 'PIPE', p_pipe, t_x, 1
    mov dx, p_temp
    xor cx, cx
    DOS 0x5A
    CF 'TEMP'
    jc .end
    mov bx, ax
    DOS 0x3E
    SAY 'TEMPNAME='
    mov si, p_temp
    call print_asciiz
.end:
    EXIT 0

    CORELIB

p_new:  db 'C:/NEW.TXT', 0
p_x:    db '/X.TXT', 0
p_pipe: db 'C:/%PIPE1.$$$', 0
t_new:  db 'new'
t_x:    db 'x'
p_temp: db 'C:/', 0
        times 20 db 0
