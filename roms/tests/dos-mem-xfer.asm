; dos-mem-xfer: file transfers at a segment's end, by DOS's rules. The test prepares IN.DAT
; (at least 64 KiB). The program allocates a 72 KiB block at S (prints SEG=), fills S:0000-FFFF
; and the next 256 bytes with EEh, then:
;   3Fh  reads 40h bytes of IN.DAT to S:FFF0: DOS normalises DS:DX, so they run on past the
;        segment's end into linear memory (S:0000 stays EEh)          READ1=0040
;   3Fh  reads FFFFh bytes to S:0008: trimmed to the end of the normalised segment  READ2=FFF8
;   40h  writes 40h bytes from S:FFF0 to OUT.DAT (the bytes the first read put there) WRITE=0040
;   27h  FCB random block read of 2 x 128-byte records of IN.DAT with the DTA at S:FF80: one
;        fits before the segment's end                               BLKREAD AL=02 CX=0001
;   28h  FCB random block write of 2 records to OUT2.DAT from S:FF80: one is written
;                                                                    BLKWRITE AL=02 CX=0001
; Exits 0.
    org 0x100
%include "dos-core-lib.inc"

FCB_RECSIZE equ 0x0E
FCB_RANDOM  equ 0x21

start:
    mov sp, stack_top
    SHRINK_TO_PROGRAM
    mov bx, 0x1200
    DOS 0x48
    CF 'ALLOC'
    mov [seg_s], ax
    HEX 'SEG', ax
    ; fill S:0000-FFFF and (S+1000h):0000-00FF with EEh
    mov es, ax
    xor di, di
    mov ax, 0xEEEE
    mov cx, 0x8000
    cld
    rep stosw
    mov ax, es
    add ax, 0x1000
    mov es, ax
    xor di, di
    mov ax, 0xEEEE
    mov cx, 0x80
    rep stosw

    ; ---- handle reads
    mov dx, in_name
    mov ax, 0x3D00
    int 0x21
    CF 'OPEN'
    mov [handle], ax
    push ds
    mov bx, [handle]
    mov ds, [seg_s]
    mov dx, 0xFFF0
    mov cx, 0x40
    DOS 0x3F
    pop ds
    CF 'READ1CF'
    HEX 'READ1', ax
    mov bx, [handle]
    xor cx, cx
    xor dx, dx
    mov ax, 0x4200
    int 0x21
    push ds
    mov bx, [handle]
    mov ds, [seg_s]
    mov dx, 0x0008
    mov cx, 0xFFFF
    DOS 0x3F
    pop ds
    CF 'READ2CF'
    HEX 'READ2', ax
    ; put the first 40h bytes of IN.DAT at S:FFF0 again (the second read overwrote S:0008 on)
    mov bx, [handle]
    xor cx, cx
    xor dx, dx
    mov ax, 0x4200
    int 0x21
    push ds
    mov bx, [handle]
    mov ds, [seg_s]
    mov dx, 0xFFF0
    mov cx, 0x40
    DOS 0x3F
    pop ds
    mov bx, [handle]
    DOS 0x3E

    ; ---- handle write from across the segment's end
    mov dx, out_name
    xor cx, cx
    DOS 0x3C
    CF 'CREATE'
    mov [handle], ax
    push ds
    mov bx, [handle]
    mov ds, [seg_s]
    mov dx, 0xFFF0
    mov cx, 0x40
    DOS 0x40
    pop ds
    CF 'WRITECF'
    HEX 'WRITE', ax
    mov bx, [handle]
    DOS 0x3E

    ; ---- FCB block transfers with the DTA 80h bytes before the segment's end
    push ds
    mov ds, [seg_s]
    mov dx, 0xFF80
    DOS 0x1A
    pop ds
    mov dx, fcb_in
    DOS 0x0F
    HEX 'OPENFCB', ax
    mov word [fcb_in + FCB_RECSIZE], 128
    mov word [fcb_in + FCB_RANDOM], 0
    mov word [fcb_in + FCB_RANDOM + 2], 0
    mov dx, fcb_in
    mov cx, 2
    DOS 0x27
    xor ah, ah
    HEX 'BLKREAD', ax
    HEX 'BLKREADCX', cx
    mov dx, fcb_out
    DOS 0x16
    HEX 'CREATEFCB', ax
    mov word [fcb_out + FCB_RECSIZE], 128
    mov word [fcb_out + FCB_RANDOM], 0
    mov word [fcb_out + FCB_RANDOM + 2], 0
    mov dx, fcb_out
    mov cx, 2
    DOS 0x28
    xor ah, ah
    HEX 'BLKWRITE', ax
    HEX 'BLKWRITECX', cx
    mov dx, fcb_out
    DOS 0x10
    EXIT 0

    CORELIB

in_name:  db 'IN.DAT', 0
out_name: db 'OUT.DAT', 0
fcb_in:   db 0, 'IN      DAT'
          times 37 - 12 db 0
fcb_out:  db 0, 'OUT2    DAT'
          times 37 - 12 db 0
seg_s:    dw 0
handle:   dw 0
          times 256 db 0
stack_top:
end_of_program:
