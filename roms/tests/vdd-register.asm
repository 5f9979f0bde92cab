; vdd-register: RegisterModule's error codes 1-4 and their precedence (full, DLL, init, dispatch),
; init and dispatch routines picked by name, two VDDs registered at once, an init routine that
; sets CF (NTVDM ignores it), UnRegisterModule freeing a handle.
; The test attaches ALPHA (Init, InitRefuse, Dispatch) and BETA (Dispatch), at most 8 handles.
    cpu 8086
    org 0x100
%include "isvbop.inc"
%include "vdd-lib.inc"

start:
    PRINT 'no such DLL: '
    mov si, nosuch
    mov di, init_name
    mov bx, disp_name
    RegisterModule
    call report

    PRINT 'no dispatch: '
    mov si, alpha_dll
    mov di, init_name
    mov bx, missing
    RegisterModule
    call report

    PRINT 'no init: '
    mov si, alpha_dll
    mov di, missing
    mov bx, disp_name
    RegisterModule
    call report

    PRINT 'no init, no dispatch: '
    mov si, alpha_dll
    mov di, missing
    mov bx, missing
    RegisterModule
    call report

    PRINT 'alpha: '
    mov si, alpha_lower         ; lower case, no .DLL
    mov di, init_name
    mov bx, disp_name
    RegisterModule
    call report
    mov [h_alpha], ax

    PRINT 'beta: '
    push es
    xor ax, ax
    mov es, ax                  ; ES = DI = 0: no init routine
    xor di, di
    mov si, beta_path           ; a path and mixed case
    mov bx, disp_name
    RegisterModule
    pop es
    call report
    mov [h_beta], ax

    PRINT 'dispatch alpha: '
    mov ax, [h_alpha]
    mov bx, 0x1234
    DispatchCall
    call report

    PRINT 'dispatch beta: '
    mov ax, [h_beta]
    mov bx, 0x1234
    DispatchCall
    call report

    PRINT 'init sets CF: '
    mov si, alpha_dll
    mov di, refuse_name
    mov bx, disp_name
    RegisterModule
    call report

    ; Fill the table: every further registration succeeds until error 4.
    xor cx, cx
.fill:
    REGISTER_NOINIT beta_path, disp_name
    jc .full
    inc cx
    jmp .fill
.full:
    PRINT 'full after '
    push ax
    mov ax, cx
    call print_hex16
    pop ax
    PRINT ' more: '
    call report

    PRINT 'full, no such DLL: '
    mov si, nosuch
    mov di, missing
    mov bx, missing
    RegisterModule
    call report

    PRINT 'unregister alpha, register again: '
    mov ax, [h_alpha]
    UnRegisterModule
    mov si, alpha_dll
    mov di, init_name
    mov bx, disp_name
    RegisterModule
    call report

    mov al, 0
    jmp exit

LIBCODE

nosuch      db 'NOSUCH.DLL', 0
alpha_dll   db 'ALPHA.DLL', 0
alpha_lower db 'alpha', 0
beta_path   db 'C:\VDD\Beta.dll', 0
init_name   db 'Init', 0
refuse_name db 'InitRefuse', 0
disp_name   db 'Dispatch', 0
missing     db 'Missing', 0
h_alpha     dw 0
h_beta      dw 0
