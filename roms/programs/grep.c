/* grep: searches files named by wildcard specs for a string (bcc -ansi -Md), the way DOS FIND
 * and the many small greps did: DOS expands no wildcards, so the program walks each spec with
 * find first/next (INT 21h 4Eh/4Fh through its own DTA), keeps the spec's directory in front of
 * each name found, and with /S walks the subdirectories too, each level with a DTA of its own.
 *
 *   GREP [/I] [/N] [/C] [/L] [/S] text spec...
 *     /I  ignore case   /N  line numbers   /C  count per file   /L  names of matching files
 *     /S  also search the subdirectories of each spec's directory
 *
 * Output lines are "PATH:line" (or "PATH:n:line"); exit code 0 when something matched, 1 when
 * nothing did, 2 on a usage error, a spec that matches no file, or a file that cannot be read. */
#include <stdio.h>
#include <string.h>
#include <dos.h>

#define PATH_MAX 80
#define LINE_MAX 512
#define ATTR_DIRECTORY 0x10

/* The DOS find DTA (INT 21h 4Eh): 21 reserved bytes for find next, then the entry. */
struct find {
    char reserved[21];
    unsigned char attr;
    unsigned time;
    unsigned date;
    unsigned size_lo;
    unsigned size_hi;
    char name[13];
};

static int ignore_case, numbers, counts, names_only, subdirs;
static char *pattern;
static int matched_any;
static int failed;
static unsigned files_found;

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int contains(char *line)
{
    char *s, *p, *t;
    for (s = line; *s; s++) {
        for (p = pattern, t = s; *p && *t; p++, t++) {
            if (ignore_case ? lower((unsigned char)*p) != lower((unsigned char)*t) : *p != *t) break;
        }
        if (!*p) return 1;
    }
    return !*pattern;
}

static void set_dta(struct find *dta)
{
    union REGS r;
    r.h.ah = 0x1a;
    r.x.dx = (unsigned)dta;
    int86(0x21, &r, &r);
}

/* INT 21h 4Eh (spec != 0) or 4Fh, into dta; returns 0 or the DOS error. */
static int find(char *spec, unsigned attr, struct find *dta)
{
    union REGS r;
    set_dta(dta);
    if (spec) {
        r.h.ah = 0x4e;
        r.x.cx = attr;
        r.x.dx = (unsigned)spec;
    } else r.h.ah = 0x4f;
    int86(0x21, &r, &r);
    return r.x.cflag ? r.x.ax : 0;
}

/* INT 21h 3Dh read-only, deny none. bcc's open() rewrites names on the way (its second '.' in a
 * component becomes '_', so "..\X" breaks): paths from find go to DOS as they are. */
static int open_read(char *path)
{
    union REGS r;
    r.x.ax = 0x3d40;
    r.x.dx = (unsigned)path;
    int86(0x21, &r, &r);
    return r.x.cflag ? -1 : r.x.ax;
}

static void search_file(char *path)
{
    FILE *f = 0;
    char line[LINE_MAX];
    unsigned n = 0, hits = 0;
    int len, fd;

    files_found++;
    fd = open_read(path);
    if (fd >= 0 && !(f = fdopen(fd, "rt"))) close(fd);
    if (!f) {
        fprintf(stderr, "GREP: cannot open %s\n", path);
        failed = 1;
        return;
    }
    while (fgets(line, sizeof line, f)) {
        n++;
        len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!contains(line)) continue;
        hits++;
        if (names_only) break;
        if (counts) continue;
        if (numbers) printf("%s:%u:%s\n", path, n, line);
        else printf("%s:%s\n", path, line);
    }
    fclose(f);
    if (hits) matched_any = 1;
    if (names_only && hits) printf("%s\n", path);
    if (counts) printf("%s:%u\n", path, hits);
}

/* dir is "" or ends in '\' or ':'; mask is the name part of the spec. */
static void search_dir(char *dir, char *mask)
{
    struct find dta;
    char path[PATH_MAX];
    int err;

    if (strlen(dir) + 13 >= PATH_MAX) return;
    strcpy(path, dir);
    strcat(path, mask);
    for (err = find(path, 0, &dta); !err; err = find(0, 0, &dta)) {
        strcpy(path, dir);
        strcat(path, dta.name);
        search_file(path);
    }
    if (!subdirs) return;
    strcpy(path, dir);
    strcat(path, "*.*");
    for (err = find(path, ATTR_DIRECTORY, &dta); !err; err = find(0, 0, &dta)) {
        if (!(dta.attr & ATTR_DIRECTORY) || dta.name[0] == '.') continue;
        strcpy(path, dir);
        strcat(path, dta.name);
        strcat(path, "\\");
        search_dir(path, mask);
    }
}

static void search_spec(char *spec)
{
    char dir[PATH_MAX];
    char *mask = spec;
    char *p;
    unsigned before = files_found;

    for (p = spec; *p; p++)
        if (*p == '\\' || *p == ':') mask = p + 1;
    if (mask - spec >= PATH_MAX) return;
    memcpy(dir, spec, mask - spec);
    dir[mask - spec] = 0;
    search_dir(dir, *mask ? mask : "*.*");
    if (files_found == before) {
        fprintf(stderr, "GREP: no file matches %s\n", spec);
        failed = 1;
    }
}

int main(int argc, char **argv)
{
    int a;
    char c;

    for (a = 1; a < argc && argv[a][0] == '/'; a++) {
        c = lower(argv[a][1]);
        if (argv[a][2]) c = 0;
        if (c == 'i') ignore_case = 1;
        else if (c == 'n') numbers = 1;
        else if (c == 'c') counts = 1;
        else if (c == 'l') names_only = 1;
        else if (c == 's') subdirs = 1;
        else {
            fprintf(stderr, "GREP: invalid switch %s\n", argv[a]);
            return 2;
        }
    }
    if (argc - a < 2) {
        fputs("usage: GREP [/I] [/N] [/C] [/L] [/S] text spec...\n", stderr);
        return 2;
    }
    pattern = argv[a++];
    for (; a < argc; a++) search_spec(argv[a]);
    if (failed) return 2;
    return matched_any ? 0 : 1;
}
