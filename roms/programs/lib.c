/* lib: a toy object librarian (bcc -ansi -Md) with the file habits of the real LIB and LINK:
 *   - asks DOS for more handles (INT 21h 67h) and keeps every module open at once;
 *   - reads each module's symbol table from its end (seek from the end), then seeks back to copy
 *     the code;
 *   - builds the dictionary in a temporary file (5Ah) and the library in another, writes the
 *     library header as zeros and patches it at the end (seek back and rewrite);
 *   - deletes the dictionary temp, keeps the old library as .BAK, and renames the new one into
 *     place (56h); when the temp directory is on another drive (error 11h) it copies instead.
 *
 *   LIB [/H:n] library @response     or     LIB [/H:n] library module...
 *     /H:n  ask for n handles (0: do not ask); default: the module count + 8.
 *   Temporary files go to %TMP% when it is set, else to the current directory.
 *
 * Module: "MOD" 1Ah, code length (word), symbol count (word), the code, then the symbols, each
 * 8 name bytes (blank-padded) and a word offset into the code.
 * Library: 16-byte header "LIB" 1Ah, modules, symbols, dictionary offset, checksum of the code
 * (16-bit byte sum), total size (dword), 0; the code of each module in order; the dictionary:
 * per symbol 8 name bytes, module number, offset of the symbol in the library.
 * Exit codes: 0 built, 1 usage, 2 a file cannot be opened or written, 3 bad module or duplicate
 * symbol, 4 DOS refused the handles. Nothing is left behind when it fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <dos.h>

#define MAX_MODULES 60
#define MAX_SYMBOLS 200
#define NAME_MAX 80
#define MOD_HEADER 8
#define SYM_BYTES 10
#define LIB_HEADER 16
#define DICT_BYTES 12
#define COPY_BYTES 512
#define ERROR_NOT_SAME_DEVICE 0x11

extern unsigned int __envseg;
extern unsigned _doserrno;

static char *module_name[MAX_MODULES];
static int module_fd[MAX_MODULES];
static unsigned code_len[MAX_MODULES];
static unsigned code_at[MAX_MODULES];
static int modules;
static char sym_name[MAX_SYMBOLS][9];
static int sym_module[MAX_SYMBOLS];
static int symbols;
static char names[2048];
static unsigned names_used;
static char dict_path[NAME_MAX], out_path[NAME_MAX];
static int dict_fd = -1, out_fd = -1;
static char buf[COPY_BYTES];

static unsigned get16(unsigned char *p)
{
    return p[0] | (p[1] << 8);
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = v & 0xff;
    p[1] = v >> 8;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static char *keep(char *s, unsigned n)
{
    char *p;
    if (names_used + n + 1 > sizeof names) return 0;
    p = names + names_used;
    memcpy(p, s, n);
    p[n] = 0;
    names_used += n + 1;
    return p;
}

/* Closes every handle this program opened and removes its temporary files. */
static int give_up(int code)
{
    int i;
    for (i = 0; i < modules; i++)
        if (module_fd[i] >= 0) close(module_fd[i]);
    if (dict_fd >= 0) close(dict_fd), unlink(dict_path);
    if (out_fd >= 0) close(out_fd), unlink(out_path);
    return code;
}

static int add_module(char *s, unsigned n)
{
    if (modules == MAX_MODULES || !(module_name[modules] = keep(s, n))) {
        fprintf(stderr, "LIB: too many modules\n");
        return 0;
    }
    module_fd[modules++] = -1;
    return 1;
}

static int add_words(char *s)
{
    char *e;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == ',') s++;
        if (!*s) return 1;
        for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\r' && *e != '\n' && *e != ','; e++)
            ;
        if (!add_module(s, e - s)) return 0;
        s = e;
    }
}

static int read_response(char *file)
{
    FILE *f = fopen(file, "rt");
    char line[128];
    if (!f) {
        fprintf(stderr, "LIB: cannot open %s\n", file);
        return 0;
    }
    while (fgets(line, sizeof line, f))
        if (!add_words(line)) return 0;
    fclose(f);
    return 1;
}

static char *env(char *name, char *out, unsigned size)
{
    unsigned off = 0, i, n = strlen(name);
    int c;
    __set_es(__envseg);
    while (__peek_es(off)) {
        for (i = 0; i < n && upper(__peek_es(off + i)) == name[i]; i++)
            ;
        if (i == n && __peek_es(off + n) == '=') {
            off += n + 1;
            for (i = 0; i + 1 < size && (c = __peek_es(off + i)) != 0; i++) out[i] = c;
            out[i] = 0;
            return out;
        }
        while (__peek_es(off)) off++;
        off++;
    }
    return 0;
}

/* INT 21h 5Ah in the temp directory; the full name is left in path. */
static int temp_file(char *path)
{
    union REGS r;
    unsigned n;
    if (!env("TMP", path, NAME_MAX - 14)) strcpy(path, ".\\");
    n = strlen(path);
    if (n && path[n - 1] != '\\') strcat(path, "\\");
    r.h.ah = 0x5a;
    r.x.cx = 0;
    r.x.dx = (unsigned)path;
    int86(0x21, &r, &r);
    if (r.x.cflag) {
        fprintf(stderr, "LIB: cannot create a temporary file in %s (error %u)\n", path, r.x.ax);
        return -1;
    }
    return r.x.ax;
}

static int set_handle_count(unsigned n)
{
    union REGS r;
    r.h.ah = 0x67;
    r.x.bx = n;
    int86(0x21, &r, &r);
    return r.x.cflag ? r.x.ax : 0;
}

/* INT 21h 56h; returns 0 or the DOS error. */
static int dos_rename(char *from, char *to)
{
    union REGS r;
    struct SREGS sr;
    segread(&sr);
    sr.es = sr.ds;
    r.h.ah = 0x56;
    r.x.dx = (unsigned)from;
    r.x.di = (unsigned)to;
    int86x(0x21, &r, &r, &sr);
    return r.x.cflag ? r.x.ax : 0;
}

static int copy_file(char *from, char *to)
{
    int in = open(from, O_RDONLY), out, n;
    if (in < 0) return 0;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0) return close(in), 0;
    while ((n = read(in, buf, COPY_BYTES)) > 0)
        if (write(out, buf, n) != n) return close(in), close(out), 0;
    close(in);
    close(out);
    return 1;
}

static int read_exact(int fd, char *p, unsigned n)
{
    return read(fd, p, n) == (int)n;
}

static int bad_module(int i, char *what)
{
    fprintf(stderr, "LIB: %s: %s\n", module_name[i], what);
    return give_up(3);
}

/* The dictionary pass: every module's symbols, read from its end, into the dictionary temp. */
static int read_symbols(void)
{
    unsigned char h[MOD_HEADER], rec[DICT_BYTES];
    unsigned at = LIB_HEADER, nsyms, k;
    int i, j;

    for (i = 0; i < modules; i++) {
        if (!read_exact(module_fd[i], (char *)h, MOD_HEADER) || memcmp(h, "MOD\032", 4) != 0)
            return bad_module(i, "not a module");
        code_len[i] = get16(h + 4);
        code_at[i] = at;
        at += code_len[i];
        nsyms = get16(h + 6);
        if (lseek(module_fd[i], -(long)(nsyms * SYM_BYTES), 2) != MOD_HEADER + (long)code_len[i])
            return bad_module(i, "symbol table does not follow the code");
        for (k = 0; k < nsyms; k++) {
            if (!read_exact(module_fd[i], (char *)rec, SYM_BYTES)) return bad_module(i, "short symbol table");
            for (j = 0; j < symbols; j++) {
                if (memcmp(sym_name[j], rec, 8) == 0) {
                    fprintf(stderr, "LIB: %.8s is in %s and %s\n", sym_name[j], module_name[sym_module[j]], module_name[i]);
                    return give_up(3);
                }
            }
            if (symbols == MAX_SYMBOLS) return bad_module(i, "too many symbols");
            memcpy(sym_name[symbols], rec, 8);
            sym_module[symbols++] = i;
            /* The dictionary record: the name, the module, the symbol's offset in the library. */
            put16(rec + 10, code_at[i] + get16(rec + 8));
            put16(rec + 8, i);
            if (write(dict_fd, (char *)rec, DICT_BYTES) != DICT_BYTES) return bad_module(i, "cannot write the dictionary");
        }
    }
    return 0;
}

/* The code pass: each module's code copied after the header, summed on the way. */
static int copy_code(unsigned *sum)
{
    unsigned left, n, k;
    int i;
    for (i = 0; i < modules; i++) {
        lseek(module_fd[i], (long)MOD_HEADER, 0);
        for (left = code_len[i]; left; left -= n) {
            n = left < COPY_BYTES ? left : COPY_BYTES;
            if (!read_exact(module_fd[i], buf, n)) return bad_module(i, "short code");
            for (k = 0; k < n; k++) *sum += (unsigned char)buf[k];
            if (write(out_fd, buf, n) != (int)n) return bad_module(i, "cannot write the library");
        }
        close(module_fd[i]);
        module_fd[i] = -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char *library, *dot;
    char backup[NAME_MAX];
    unsigned char header[LIB_HEADER];
    unsigned handles = 0, sum = 0, dict_at;
    long size;
    int a = 1, i, n, err, ask = 1, code;

    if (a < argc && (argv[a][0] == '/') && upper(argv[a][1]) == 'H' && argv[a][2] == ':') {
        handles = atoi(argv[a] + 3);
        ask = handles != 0;
        a++;
    }
    if (argc - a < 2) {
        fprintf(stderr, "usage: LIB [/H:n] library @response | module...\n");
        return 1;
    }
    library = argv[a++];
    for (; a < argc; a++) {
        if (argv[a][0] == '@' ? !read_response(argv[a] + 1) : !add_module(argv[a], strlen(argv[a]))) return 1;
    }
    if (!handles) handles = modules + 8;
    if (ask && (err = set_handle_count(handles)) != 0) {
        fprintf(stderr, "LIB: cannot get %u handles (error %d)\n", handles, err);
        return 4;
    }
    for (i = 0; i < modules; i++) {
        module_fd[i] = open(module_name[i], O_RDONLY);
        if (module_fd[i] < 0) {
            fprintf(stderr, "LIB: cannot open %s (error %u)\n", module_name[i], _doserrno);
            return give_up(2);
        }
    }
    if ((dict_fd = temp_file(dict_path)) < 0) return give_up(2);
    if ((out_fd = temp_file(out_path)) < 0) return give_up(2);
    memset(header, 0, LIB_HEADER);
    write(out_fd, (char *)header, LIB_HEADER);
    if ((code = read_symbols()) != 0) return code;
    if ((code = copy_code(&sum)) != 0) return code;

    dict_at = lseek(out_fd, 0L, 1);
    lseek(dict_fd, 0L, 0);
    while ((n = read(dict_fd, buf, COPY_BYTES)) > 0) write(out_fd, buf, n);
    size = lseek(out_fd, 0L, 2);
    memcpy(header, "LIB\032", 4);
    put16(header + 4, modules);
    put16(header + 6, symbols);
    put16(header + 8, dict_at);
    put16(header + 10, sum);
    put16(header + 12, (unsigned)size);
    put16(header + 14, (unsigned)(size >> 16));
    lseek(out_fd, 0L, 0);
    write(out_fd, (char *)header, LIB_HEADER);
    close(out_fd);
    close(dict_fd);
    dict_fd = -1;
    unlink(dict_path);

    /* The old library becomes NAME.BAK; the new one takes its name. */
    strcpy(backup, library);
    dot = strrchr(backup, '.');
    if (!dot || strchr(dot, '\\')) dot = backup + strlen(backup);
    strcpy(dot, ".BAK");
    unlink(backup);
    dos_rename(library, backup);
    err = dos_rename(out_path, library);
    if (err == ERROR_NOT_SAME_DEVICE) {
        err = copy_file(out_path, library) ? 0 : 5;
        unlink(out_path);
    }
    if (err) {
        fprintf(stderr, "LIB: cannot rename %s to %s (error %d)\n", out_path, library, err);
        unlink(out_path);
        return 2;
    }
    printf("LIB: %d modules, %d symbols, %ld bytes\n", modules, symbols, size);
    return 0;
}
