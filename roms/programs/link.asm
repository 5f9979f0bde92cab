;! output: link.exe
; link: a toy linker built as an MZ .EXE by hand (header, relocation table, two code segments,
; a data segment and a stack segment), the kind of tool a make runs. It reads its command tail
; itself: LINK output object...  Each object must start with "OBJ" 1Ah and a line count (cc.c
; writes them); their bodies are copied after an output header "BIN" 1Ah, object count, line
; total, which is written as zeros first and patched at the end (seek back, rewrite).
; Exit codes: 0 linked, 1 usage, 2 a file cannot be opened or created, 3 not an object file.
; A failed link deletes its partial output.

    cpu 8086

HEADER_BYTES equ 0x40
CODE_BYTES   equ 0x400          ; main code segment
UTIL_BYTES   equ 0x100          ; second code segment (reached by far calls)
DATA_BYTES   equ 0x500
STACK_BYTES  equ 0x200
header_paras equ HEADER_BYTES / 16
code_seg     equ 0
util_seg     equ CODE_BYTES / 16
data_seg     equ (CODE_BYTES + UTIL_BYTES) / 16
stack_seg    equ (CODE_BYTES + UTIL_BYTES + DATA_BYTES) / 16
file_size    equ HEADER_BYTES + CODE_BYTES + UTIL_BYTES + DATA_BYTES

OBJ_HEADER   equ 6
OUT_HEADER   equ 8
BUF_BYTES    equ 512

; ---------------------------------------------------------------- header
section header start=0
    db 'MZ'
    dw file_size % 512
    dw (file_size + 511) / 512
    dw (reloc_end - reloc_start) / 4
    dw header_paras
    dw STACK_BYTES / 16                     ; min alloc: the stack, which is not in the file
    dw 0xffff                               ; max alloc: as much as there is, as linkers asked
    dw stack_seg
    dw STACK_BYTES
    dw 0
    dw entry
    dw code_seg
    dw reloc_start
    dw 0
reloc_start:
    dw fix_data + 1, code_seg               ; mov ax, DATA
    dw fix_call1 + 3, code_seg              ; call far UTIL:print_dec (segment word)
    dw fix_call2 + 3, code_seg
    dw fix_call3 + 3, code_seg              ; call far UTIL:print_str
    dw fix_call4 + 3, code_seg
reloc_end:
    times HEADER_BYTES - ($ - $$) db 0

; ---------------------------------------------------------------- code
section code follows=header align=16 vstart=0
entry:
fix_data:
    mov ax, data_seg
    mov ds, ax                              ; ES stays on the PSP for the command tail
    mov [psp], es

    ; Copy the command tail into the data segment and cut it into words.
    xor ch, ch
    mov cl, [es:0x80]
    mov si, 0x81
    mov di, tail
.copy:
    jcxz .copied
    mov al, [es:si]
    mov [di], al
    inc si
    inc di
    dec cx
    jmp .copy
.copied:
    mov byte [di], 0
    mov si, tail
    call next_word
    jc usage
    mov [out_name], ax
    call next_word
    jc usage
    mov [first_obj], ax

    ; Create the output and write a zero header to patch later.
    mov dx, [out_name]
    mov ah, 0x3c
    xor cx, cx
    int 0x21
    jc cannot_create
    mov [out_h], ax
    mov bx, ax
    mov dx, out_header
    mov cx, OUT_HEADER
    mov ah, 0x40
    int 0x21

    mov si, [first_obj]
.object:
    mov [cur_name], si
    mov dx, si
    mov ax, 0x3d00
    int 0x21
    jc cannot_open
    mov [in_h], ax
    mov bx, ax
    mov dx, obj_header
    mov cx, OBJ_HEADER
    mov ah, 0x3f
    int 0x21
    jc not_object
    cmp ax, OBJ_HEADER
    jne not_object
    cmp word [obj_header], 'OB'
    jne not_object
    cmp word [obj_header + 2], 'J' + 0x1a00
    jne not_object
    mov ax, [obj_header + 4]
    add [out_header + 6], ax
    inc word [out_header + 4]
.body:
    mov bx, [in_h]
    mov dx, buffer
    mov cx, BUF_BYTES
    mov ah, 0x3f
    int 0x21
    jc not_object
    or ax, ax
    jz .body_done
    mov cx, ax
    mov bx, [out_h]
    mov ah, 0x40
    int 0x21
    jmp .body
.body_done:
    mov bx, [in_h]
    mov ah, 0x3e
    int 0x21
    mov si, [cur_name]
    call skip_word
    call next_word
    jc .linked
    mov si, ax
    jmp .object

.linked:
    ; Patch the header: seek back to 0 and rewrite it with the real counts.
    mov word [out_header], 'BI'
    mov word [out_header + 2], 'N' + 0x1a00
    mov bx, [out_h]
    mov ax, 0x4200
    xor cx, cx
    xor dx, dx
    int 0x21
    mov dx, out_header
    mov cx, OUT_HEADER
    mov ah, 0x40
    int 0x21
    mov ah, 0x3e
    int 0x21

    mov dx, msg_linked
fix_call3:
    call util_seg:print_str
    mov ax, [out_header + 4]
fix_call1:
    call util_seg:print_dec
    mov dx, msg_objects
    call far_print_str
    mov ax, [out_header + 6]
fix_call2:
    call util_seg:print_dec
    mov dx, msg_lines
    call far_print_str
    mov ax, 0x4c00
    int 0x21

; Near stub so the code shows both ways of reaching the other segment.
far_print_str:
fix_call4:
    call util_seg:print_str
    ret

usage:
    mov dx, msg_usage
    call far_print_str
    mov ax, 0x4c01
    int 0x21

cannot_create:
    mov dx, msg_create
    call far_print_str
    mov dx, [out_name]
    call far_print_str
    call newline
    mov ax, 0x4c02
    int 0x21

cannot_open:
    mov dx, msg_open
    mov al, 2
    jmp fail_object

not_object:
    mov bx, [in_h]
    mov ah, 0x3e
    int 0x21
    mov dx, msg_bad
    mov al, 3

fail_object:
    push ax
    call far_print_str
    mov dx, [cur_name]
    call far_print_str
    call newline
    ; Delete the partial output.
    mov bx, [out_h]
    mov ah, 0x3e
    int 0x21
    mov dx, [out_name]
    mov ah, 0x41
    int 0x21
    pop ax
    mov ah, 0x4c
    int 0x21

newline:
    mov dx, msg_crlf
    jmp far_print_str

; SI -> text: skips blanks, returns AX -> the word (NUL-terminated in place), SI after it;
; CF=1 when there is none.
next_word:
    cmp byte [si], ' '
    je .blank
    cmp byte [si], 9
    jne .start
.blank:
    inc si
    jmp next_word
.start:
    cmp byte [si], 0x0d
    je .none
    cmp byte [si], 0
    je .none
    mov ax, si
.scan:
    inc si
    cmp byte [si], ' '
    je .cut
    cmp byte [si], 9
    je .cut
    cmp byte [si], 0x0d
    je .cut
    cmp byte [si], 0
    jne .scan
    clc
    ret
.cut:
    mov byte [si], 0
    inc si
    clc
    ret
.none:
    stc
    ret

; SI -> a word cut by next_word: moves past it and its terminator.
skip_word:
    cmp byte [si], 0
    je .end
    inc si
    jmp skip_word
.end:
    inc si
    ret

    times CODE_BYTES - ($ - $$) db 0

; ---------------------------------------------------------------- util (second code segment)
section util follows=code align=16 vstart=0
; DS:DX -> NUL-terminated text, written to standard output (handle 1).
print_str:
    push ax
    push bx
    push cx
    push di
    mov di, dx
    xor cx, cx
.len:
    cmp byte [di], 0
    je .write
    inc di
    inc cx
    jmp .len
.write:
    mov bx, 1
    mov ah, 0x40
    int 0x21
    pop di
    pop cx
    pop bx
    pop ax
    retf

; AX in decimal to standard output.
print_dec:
    push ax
    push bx
    push cx
    push dx
    push di
    mov di, number_end
    mov bx, 10
.digit:
    xor dx, dx
    div bx
    add dl, '0'
    dec di
    mov [di], dl
    or ax, ax
    jnz .digit
    mov dx, di
    push cs                                 ; a far call to print_str in this segment
    call print_str
    pop di
    pop dx
    pop cx
    pop bx
    pop ax
    retf

    times UTIL_BYTES - ($ - $$) db 0

; ---------------------------------------------------------------- data
section data follows=util align=16 vstart=0
psp:        dw 0
out_name:   dw 0
first_obj:  dw 0
cur_name:   dw 0
out_h:      dw 0
in_h:       dw 0
out_header: times OUT_HEADER db 0
obj_header: times OBJ_HEADER db 0
msg_usage:  db 'usage: LINK output object...', 13, 10, 0
msg_create: db 'LINK: cannot create ', 0
msg_open:   db 'LINK: cannot open ', 0
msg_bad:    db 'LINK: not an object file: ', 0
msg_linked: db 'LINK: ', 0
msg_objects: db ' objects, ', 0
msg_lines:  db ' lines', 13, 10, 0
msg_crlf:   db 13, 10, 0
number:     times 6 db 0
number_end: db 0
tail:       times 130 db 0
buffer:     times BUF_BYTES db 0
    times DATA_BYTES - ($ - $$) db 0
