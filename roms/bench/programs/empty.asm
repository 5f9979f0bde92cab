; empty: exits at once with code 0. The start-up line of npm run bench times a whole vdm86
; process running it against a bare `node -e 0`.
    org 0x100
    cpu 8086

    mov ax, 0x4c00
    int 0x21
