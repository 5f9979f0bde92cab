/* shell-system: a C program that runs commands the way a DOS C library's system() and spawnlp()
 * do (bcc -ansi -Md; bcc's library has neither): system() EXECs %COMSPEC% with " /C command"
 * and returns the shell's exit code (4Dh); spawnlp() looks the program up as NAME.COM, NAME.EXE
 * in the current directory and then along PATH, and EXECs it directly. Each result is printed:
 *
 *   system(DIR /B *.TXT > LIST.OUT) = 0
 *   ...
 */
#include <stdio.h>
#include <string.h>
#include <dos.h>

#define NAME_MAX 80
#define TAIL_MAX 126

extern unsigned int __envseg;

struct exec_block {
    unsigned env;
    unsigned tail_off, tail_seg;
    unsigned fcb1_off, fcb1_seg;
    unsigned fcb2_off, fcb2_seg;
};

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* A variable of the environment (copied into buf), or 0. */
static char *env(char *name, char *buf, unsigned size)
{
    unsigned off = 0, i, n = strlen(name);
    int c;
    __set_es(__envseg);
    while (__peek_es(off)) {
        for (i = 0; i < n && upper(__peek_es(off + i)) == upper(name[i]); i++)
            ;
        if (i == n && __peek_es(off + n) == '=') {
            off += n + 1;
            for (i = 0; i + 1 < size && (c = __peek_es(off + i)) != 0; i++) buf[i] = c;
            buf[i] = 0;
            return buf;
        }
        while (__peek_es(off)) off++;
        off++;
    }
    return 0;
}

/* EXEC (4B00h) of program with the tail text; the exit code (4Dh), or -1 when it cannot run. */
static int exec(char *program, char *args)
{
    static char tail[TAIL_MAX + 3];
    static char fcb1[37], fcb2[37];
    static struct exec_block block;
    union REGS r;
    struct SREGS sr;
    unsigned len = strlen(args);
    if (len > TAIL_MAX) len = TAIL_MAX;
    tail[0] = len;
    memcpy(tail + 1, args, len);
    tail[1 + len] = '\r';
    memset(fcb1, 0, sizeof fcb1);
    memset(fcb2, 0, sizeof fcb2);
    fflush(stdout);
    segread(&sr);
    block.env = 0;
    block.tail_off = (unsigned)tail;
    block.fcb1_off = (unsigned)fcb1;
    block.fcb2_off = (unsigned)fcb2;
    block.tail_seg = block.fcb1_seg = block.fcb2_seg = sr.ds;
    sr.es = sr.ds;
    r.x.ax = 0x4b00;
    r.x.dx = (unsigned)program;
    r.x.bx = (unsigned)&block;
    int86x(0x21, &r, &r, &sr);
    if (r.x.cflag) return -1;
    r.h.ah = 0x4d;
    int86(0x21, &r, &r);
    return r.h.al;
}

static int my_system(char *command)
{
    static char comspec[NAME_MAX];
    static char args[TAIL_MAX + 1];
    if (!env("COMSPEC", comspec, sizeof comspec)) return -1;
    strcpy(args, " /C ");
    strncat(args, command, TAIL_MAX - 4);
    return exec(comspec, args);
}

static int exists(char *path)
{
    union REGS r;
    r.x.ax = 0x4300;
    r.x.dx = (unsigned)path;
    int86(0x21, &r, &r);
    return !r.x.cflag && !(r.x.cx & 0x18);
}

/* spawnlp(P_WAIT, name, name, arg, NULL): NAME.COM then NAME.EXE, here and along PATH. */
static int my_spawnlp(char *name, char *arg)
{
    static char path[NAME_MAX * 4];
    static char program[NAME_MAX + 16];
    static char args[TAIL_MAX + 1];
    char *dir = ".", *next;
    int k;
    if (!env("PATH", path, sizeof path)) path[0] = 0;
    next = path;
    for (;;) {
        for (k = 0; k < 2; k++) {
            strcpy(program, dir);
            if (*dir && program[strlen(program) - 1] != '\\') strcat(program, "\\");
            strcat(program, name);
            strcat(program, k ? ".EXE" : ".COM");
            if (exists(program)) {
                strcpy(args, " ");
                strcat(args, arg);
                return exec(program, args);
            }
        }
        if (!*next) return -1;
        dir = next;
        while (*next && *next != ';') next++;
        if (*next) *next++ = 0;
    }
}

int main()
{
    static char *commands[] = {"DIR /B *.TXT > LIST.OUT", "TYPE LIST.OUT", "RUN.BAT", "NOSUCH", 0};
    int i;
    for (i = 0; commands[i]; i++) printf("system(%s) = %d\n", commands[i], my_system(commands[i]));
    printf("spawnlp(EXITCODE 5) = %d\n", my_spawnlp("EXITCODE", "5"));
    printf("spawnlp(NOSUCH) = %d\n", my_spawnlp("NOSUCH", ""));
    return 0;
}
