/* make: a small MAKE (bcc -ansi -Md) that does what the DOS makes of the 1980s did. It reads a
 * makefile of rules
 *
 *   target: dependency ...
 *   <tab>command            ('@' in front: not echoed; '-': its failure is ignored)
 *
 * brings each dependency up to date first, compares file dates and times (INT 21h 5700h on an
 * open handle), and runs the commands of every target that is missing or older than one of its
 * dependencies with EXEC (4B00h): the program is looked for as NAME, NAME.COM, NAME.EXE in the
 * current directory and then along PATH, the command tail and the two FCBs are built as COMMAND.COM
 * builds them (29h), and "<file", ">file", ">>file" redirect the child's standard handles through
 * 45h/46h as COMMAND.COM does; "A | B" runs A with its output in a temporary file (5Ah) that
 * becomes B's input, as COMMAND.COM's pipes do. The exit code of each child (4Dh) is checked: the
 * first non-zero one stops the build and becomes make's own exit code.
 *
 *   MAKE [/F makefile] [/N] [target]     (/N prints the commands without running them)
 *
 * Exit codes: 0 built or up to date, a child's non-zero code, 2 for make's own errors. */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <dos.h>

#define MAX_RULES 32
#define MAX_DEPS 16
#define MAX_CMDS 8
#define NAME_MAX 64
#define LINE_MAX 160
#define TAIL_MAX 126
#define FCB_BYTES 37
#define MISSING 0xffffffffL

extern unsigned int __envseg;

struct rule {
    char *target;
    char *deps[MAX_DEPS];
    int ndeps;
    char *cmds[MAX_CMDS];
    int ncmds;
    int state;              /* 0 not visited, 1 being made (loop check), 2 done */
    int rebuilt;            /* its commands ran (or would have, with /N) */
};

/* The EXEC parameter block of 4B00h. */
struct exec_block {
    unsigned env;
    unsigned tail_off, tail_seg;
    unsigned fcb1_off, fcb1_seg;
    unsigned fcb2_off, fcb2_seg;
};

static struct rule rules[MAX_RULES];
static int nrules;
static int dry_run;
static int ran_something;
static char pool[4096];
static unsigned pool_used;

static char *keep(char *s, unsigned n)
{
    char *p;
    if (pool_used + n + 1 > sizeof pool) return 0;
    p = pool + pool_used;
    memcpy(p, s, n);
    p[n] = 0;
    pool_used += n + 1;
    return p;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int same_name(char *a, char *b)
{
    while (*a && upper(*a) == upper(*b)) a++, b++;
    return upper(*a) == upper(*b);
}

static struct rule *find_rule(char *name)
{
    int i;
    for (i = 0; i < nrules; i++)
        if (same_name(rules[i].target, name)) return &rules[i];
    return 0;
}

static char *skip_blanks(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

static char *word_end(char *s)
{
    while (*s && *s != ' ' && *s != '\t') s++;
    return s;
}

static int syntax(char *file, int line, char *what)
{
    fprintf(stderr, "make: %s(%d): %s\n", file, line, what);
    return 0;
}

static int read_makefile(char *file)
{
    FILE *f;
    char line[LINE_MAX];
    struct rule *r = 0;
    char *p, *e, *colon;
    int n = 0, len;

    f = fopen(file, "rt");
    if (!f) {
        fprintf(stderr, "make: cannot open %s\n", file);
        return 0;
    }
    while (fgets(line, sizeof line, f)) {
        n++;
        len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        p = skip_blanks(line);
        if (!*p || *p == '#') continue;
        if (p != line) {
            if (!r) return syntax(file, n, "command before the first rule");
            if (r->ncmds == MAX_CMDS || !(r->cmds[r->ncmds++] = keep(p, strlen(p))))
                return syntax(file, n, "too many commands");
            continue;
        }
        colon = strchr(line, ':');
        /* A drive letter ("C:X.OBJ") is part of a name, not the rule's colon. */
        if (colon == line + 1 && colon[1] && colon[1] != ' ' && colon[1] != '\t') colon = strchr(colon + 1, ':');
        if (!colon) return syntax(file, n, "missing ':'");
        if (nrules == MAX_RULES) return syntax(file, n, "too many rules");
        r = &rules[nrules++];
        e = word_end(line);
        if (e > colon) e = colon;
        r->target = keep(line, e - line);
        for (p = skip_blanks(colon + 1); *p; p = skip_blanks(e)) {
            e = word_end(p);
            if (r->ndeps == MAX_DEPS || !(r->deps[r->ndeps++] = keep(p, e - p)))
                return syntax(file, n, "too many dependencies");
        }
    }
    fclose(f);
    return 1;
}

/* The file's DOS date and time as one number (date high), or MISSING. */
static unsigned long stamp(char *name)
{
    union REGS r;
    int fd = open(name, O_RDONLY);
    if (fd < 0) return MISSING;
    r.x.ax = 0x5700;
    r.x.bx = fd;
    int86(0x21, &r, &r);
    close(fd);
    if (r.x.cflag) return MISSING;
    return ((unsigned long)r.x.dx << 16) | r.x.cx;
}

static int exists(char *path)
{
    union REGS r;
    r.x.ax = 0x4300;
    r.x.dx = (unsigned)path;
    int86(0x21, &r, &r);
    return !r.x.cflag && !(r.x.cx & 0x18);
}

/* A variable of make's environment (copied into buf), or 0. */
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

static int try_program(char *dir, char *name, char *ext, char *out)
{
    if (strlen(dir) + strlen(name) + strlen(ext) + 2 > NAME_MAX) return 0;
    strcpy(out, dir);
    if (*dir && dir[strlen(dir) - 1] != '\\' && dir[strlen(dir) - 1] != ':') strcat(out, "\\");
    strcat(out, name);
    strcat(out, ext);
    return exists(out);
}

/* NAME as given when it has an extension, else NAME.COM then NAME.EXE, here and along PATH. */
static int locate(char *name, char *out)
{
    char path[LINE_MAX];
    char dir[NAME_MAX];
    char *p, *e, *base = name;
    int has_ext;

    for (p = name; *p; p++)
        if (*p == '\\' || *p == ':') base = p + 1;
    has_ext = strchr(base, '.') != 0;
    if (has_ext) return try_program("", name, "", out);
    if (try_program("", name, ".COM", out) || try_program("", name, ".EXE", out)) return 1;
    if (base != name || !env("PATH", path, sizeof path)) return 0;
    for (p = path; *p; p = *e ? e + 1 : e) {
        e = strchr(p, ';');
        if (!e) e = p + strlen(p);
        if (e - p == 0 || e - p >= NAME_MAX) continue;
        memcpy(dir, p, e - p);
        dir[e - p] = 0;
        if (try_program(dir, name, ".COM", out) || try_program(dir, name, ".EXE", out)) return 1;
    }
    return 0;
}

static int dos_dup(int h)
{
    union REGS r;
    r.h.ah = 0x45;
    r.x.bx = h;
    int86(0x21, &r, &r);
    return r.x.cflag ? -1 : r.x.ax;
}

static void dos_dup2(int from, int to)
{
    union REGS r;
    r.h.ah = 0x46;
    r.x.bx = from;
    r.x.cx = to;
    int86(0x21, &r, &r);
}

/* Opens a redirection target: mode '<' read, '>' create, 'a' append. */
static int open_redirect(char *name, int mode)
{
    int fd;
    if (mode == '<') return open(name, O_RDONLY);
    if (mode == '>') return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    fd = open(name, O_WRONLY);
    if (fd < 0) return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    lseek(fd, 0L, 2);
    return fd;
}

/* Points standard handle `std` at `name`; returns the saved handle or -1. */
static int redirect(int std, char *name, int mode)
{
    int fd = open_redirect(name, mode), saved;
    if (fd < 0) {
        fprintf(stderr, "make: cannot open %s\n", name);
        return -1;
    }
    saved = dos_dup(std);
    dos_dup2(fd, std);
    close(fd);
    return saved;
}

static void restore(int std, int saved)
{
    if (saved < 0) return;
    dos_dup2(saved, std);
    close(saved);
}

static char *parse_fcb(char *s, char *fcb)
{
    union REGS r;
    struct SREGS sr;
    segread(&sr);
    sr.es = sr.ds;
    r.x.ax = 0x2901;
    r.x.si = (unsigned)s;
    r.x.di = (unsigned)fcb;
    int86x(0x21, &r, &r, &sr);
    return (char *)r.x.si;
}

/* Runs one program with its own redirections; `pipe_in`/`pipe_out` (or 0) are the pipeline's
 * temporary files before and after it. Returns the child's exit code, or 2 when it could not be
 * run. */
static int run_stage(char *line, char *pipe_in, char *pipe_out)
{
    static char program[NAME_MAX];
    static char tail[TAIL_MAX + 2];
    static char fcb1[FCB_BYTES], fcb2[FCB_BYTES];
    static char in_name[NAME_MAX], out_name[NAME_MAX];
    static struct exec_block block;
    char word[NAME_MAX];
    union REGS r;
    struct SREGS sr;
    char *p, *e;
    int in_mode = 0, out_mode = 0, saved_in = -1, saved_out = -1;
    unsigned len = 0, n;
    int code;

    if (pipe_in) strcpy(in_name, pipe_in), in_mode = '<';
    if (pipe_out) strcpy(out_name, pipe_out), out_mode = '>';
    p = skip_blanks(line);
    e = word_end(p);
    if (e == p || e - p >= NAME_MAX) return 2;
    memcpy(word, p, e - p);
    word[e - p] = 0;
    for (p = skip_blanks(e); *p; p = skip_blanks(e)) {
        if (*p == '<' || *p == '>') {
            int mode = *p++;
            char *target = mode == '<' ? in_name : out_name;
            if (mode == '>' && *p == '>') mode = 'a', p++;
            p = skip_blanks(p);
            e = word_end(p);
            if (e == p || e - p >= NAME_MAX) return 2;
            memcpy(target, p, e - p);
            target[e - p] = 0;
            if (mode == '<') in_mode = mode;
            else out_mode = mode;
            continue;
        }
        e = word_end(p);
        n = e - p;
        if (len + 1 + n > TAIL_MAX) {
            fprintf(stderr, "make: command too long\n");
            return 2;
        }
        tail[1 + len++] = ' ';
        memcpy(tail + 1 + len, p, n);
        len += n;
    }
    tail[0] = len;
    tail[1 + len] = '\r';
    tail[2 + len] = 0;

    if (!locate(word, program)) {
        fprintf(stderr, "make: %s: program not found\n", word);
        return 2;
    }
    memset(fcb1, 0, sizeof fcb1);
    memset(fcb2, 0, sizeof fcb2);
    parse_fcb(parse_fcb(tail + 1, fcb1), fcb2);

    fflush(stdout);
    if (in_mode && (saved_in = redirect(0, in_name, in_mode)) < 0) return 2;
    if (out_mode && (saved_out = redirect(1, out_name, out_mode)) < 0) {
        restore(0, saved_in);
        return 2;
    }

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

    restore(1, saved_out);
    restore(0, saved_in);
    if (r.x.cflag) {
        fprintf(stderr, "make: cannot run %s (error %u)\n", program, r.x.ax);
        return 2;
    }
    r.h.ah = 0x4d;
    int86(0x21, &r, &r);
    /* AH: 0 normal end, 1 Ctrl-C, 2 critical error, 3 resident. */
    code = r.h.al;
    if (r.h.ah == 1 || r.h.ah == 2) code = code ? code : 255;
    return code;
}

/* A pipeline file as COMMAND.COM makes one: 5Ah in %TEMP%, else %TMP%, else "" (which DOS 5
 * takes as the root directory). The name is left in `name`; the file is closed. */
static int pipe_file(char *name)
{
    union REGS r;
    if (!env("TEMP", name, NAME_MAX - 14) && !env("TMP", name, NAME_MAX - 14)) name[0] = 0;
    r.h.ah = 0x5a;
    r.x.cx = 0;
    r.x.dx = (unsigned)name;
    int86(0x21, &r, &r);
    if (r.x.cflag) {
        fprintf(stderr, "make: cannot create a pipe file (error %u)\n", r.x.ax);
        return 0;
    }
    close(r.x.ax);
    return 1;
}

/* Runs a command line: one program, or a pipeline "A | B | C" whose stages pass their output
 * through temporary files, one stage after the other, as COMMAND.COM runs pipes. Returns the
 * first non-zero exit code of a stage, or 0. */
static int run(char *line)
{
    static char pipes[2][NAME_MAX];
    char copy[LINE_MAX];
    char *stage, *bar;
    int k = 0, code = 0, c;
    char *in = 0, *out;

    if (strlen(line) >= sizeof copy) return 2;
    strcpy(copy, line);
    for (stage = copy; stage; stage = bar, k ^= 1) {
        bar = strchr(stage, '|');
        if (bar) *bar++ = 0;
        out = 0;
        if (bar) {
            if (!pipe_file(pipes[k])) {
                if (in) unlink(in);
                return 2;
            }
            out = pipes[k];
        }
        c = run_stage(stage, in, out);
        if (in) unlink(in);
        if (c && !code) code = c;
        in = out;
    }
    return code;
}

static int make(char *name)
{
    struct rule *r = find_rule(name);
    unsigned long when;
    int i, code, quiet, ignore, need;
    char *cmd;

    if (!r) {
        if (stamp(name) != MISSING) return 0;
        fprintf(stderr, "make: don't know how to make %s\n", name);
        return 2;
    }
    if (r->state == 2) return 0;
    if (r->state == 1) {
        fprintf(stderr, "make: %s depends on itself\n", name);
        return 2;
    }
    r->state = 1;
    for (i = 0; i < r->ndeps; i++)
        if ((code = make(r->deps[i])) != 0) return code;
    when = stamp(r->target);
    need = when == MISSING;
    for (i = 0; i < r->ndeps && !need; i++) {
        unsigned long dep = stamp(r->deps[i]);
        struct rule *d = find_rule(r->deps[i]);
        need = (dep != MISSING && dep > when) || (d && d->rebuilt);
    }
    r->state = 2;
    if (!need) return 0;
    r->rebuilt = 1;
    for (i = 0; i < r->ncmds; i++) {
        cmd = r->cmds[i];
        quiet = ignore = 0;
        for (;; cmd++) {
            if (*cmd == '@') quiet = 1;
            else if (*cmd == '-') ignore = 1;
            else break;
        }
        if (!quiet || dry_run) printf("%s\n", cmd);
        ran_something = 1;
        if (dry_run) continue;
        code = run(cmd);
        if (code && !ignore) {
            fprintf(stderr, "make: *** [%s] Error %d\n", r->target, code);
            return code;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    char *file = "MAKEFILE";
    char *goal = 0;
    int a, code;

    for (a = 1; a < argc; a++) {
        if (argv[a][0] == '/' && upper(argv[a][1]) == 'F' && !argv[a][2] && a + 1 < argc) file = argv[++a];
        else if (argv[a][0] == '/' && upper(argv[a][1]) == 'N' && !argv[a][2]) dry_run = 1;
        else if (argv[a][0] == '/') {
            fprintf(stderr, "make: invalid switch %s\n", argv[a]);
            return 2;
        } else goal = argv[a];
    }
    if (!read_makefile(file)) return 2;
    if (!nrules) {
        fprintf(stderr, "make: no rules in %s\n", file);
        return 2;
    }
    if (!goal) goal = rules[0].target;
    code = make(goal);
    if (!code && !ran_something) printf("make: %s is up to date\n", goal);
    return code;
}
