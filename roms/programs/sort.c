/* sort: a DOS SORT-style text filter (bcc -ansi -Md). Sorts the lines of a file, or of standard
 * input, without regard to case as DOS SORT does, and writes them to standard output.
 *
 *   SORT [/R] [/U] [/+n] [file]
 *     /R   reverse order          /U   drop repeated lines (compared without case), as uniq
 *     /+n  compare from column n (1-based)
 *
 * Exit codes: 0 sorted, 1 bad switch, 2 cannot open the file, 3 out of memory.
 * Lines live in malloc'd memory behind a pointer table grown with realloc. The sort is a merge
 * sort of its own: the qsort in bcc's library sorts in descending order and runs past the array
 * with ordinary comparison functions, so it is not used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX 512

static char **lines;
static unsigned count;
static unsigned room;
static int reverse;
static int unique;
static unsigned column;

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compares from the sort column on, ignoring case; a line shorter than the column sorts first. */
static int compare(char *a, char *b)
{
    int d;
    if (strlen(a) < column) a = "";
    else a += column;
    if (strlen(b) < column) b = "";
    else b += column;
    for (;;) {
        d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a) break;
        a++;
        b++;
    }
    return reverse ? -d : d;
}

/* Stable bottom-up merge sort of lines[0..count) through a scratch table. */
static int merge_sort(void)
{
    char **from = lines;
    char **to;
    char **t;
    unsigned width, lo, mid, hi, i, j, k;

    to = (char **)malloc(count * sizeof(char *) + 1);
    if (!to) return 0;
    for (width = 1; width < count; width *= 2) {
        for (lo = 0; lo < count; lo += 2 * width) {
            mid = lo + width < count ? lo + width : count;
            hi = mid + width < count ? mid + width : count;
            i = lo;
            j = mid;
            for (k = lo; k < hi; k++) {
                if (i < mid && (j >= hi || compare(from[i], from[j]) <= 0)) to[k] = from[i++];
                else to[k] = from[j++];
            }
        }
        t = from;
        from = to;
        to = t;
    }
    if (from != lines) memcpy(lines, from, count * sizeof(char *));
    free(from == lines ? to : from);
    return 1;
}

static int add_line(char *text)
{
    char *copy;
    char **bigger;
    if (count == room) {
        room = room ? room * 2 : 64;
        bigger = (char **)realloc(lines, room * sizeof(char *));
        if (!bigger) return 0;
        lines = bigger;
    }
    copy = (char *)malloc(strlen(text) + 1);
    if (!copy) return 0;
    strcpy(copy, text);
    lines[count++] = copy;
    return 1;
}

static int read_lines(FILE *in)
{
    char buf[LINE_MAX];
    int n;
    while (fgets(buf, sizeof buf, in)) {
        n = strlen(buf);
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = 0;
        /* A Ctrl-Z ends a DOS text file. */
        if (buf[0] == 0x1a) break;
        if (!add_line(buf)) return 0;
    }
    return 1;
}

static int out_of_memory(void)
{
    fputs("SORT: out of memory\n", stderr);
    return 3;
}

int main(int argc, char **argv)
{
    FILE *in = stdin;
    char *name = 0;
    char *prev = 0;
    unsigned i;
    int a;

    for (a = 1; a < argc; a++) {
        if (argv[a][0] == '/') {
            if (argv[a][1] == '+') column = atoi(argv[a] + 2) > 0 ? atoi(argv[a] + 2) - 1 : 0;
            else if (lower(argv[a][1]) == 'r' && !argv[a][2]) reverse = 1;
            else if (lower(argv[a][1]) == 'u' && !argv[a][2]) unique = 1;
            else {
                fprintf(stderr, "SORT: invalid switch %s\n", argv[a]);
                return 1;
            }
        } else name = argv[a];
    }
    if (name) {
        in = fopen(name, "rt");
        if (!in) {
            fprintf(stderr, "SORT: cannot open %s\n", name);
            return 2;
        }
    }
    if (!read_lines(in)) return out_of_memory();
    if (name) fclose(in);
    if (count > 1 && !merge_sort()) return out_of_memory();
    for (i = 0; i < count; i++) {
        if (unique && prev && compare(prev, lines[i]) == 0) continue;
        printf("%s\n", lines[i]);
        prev = lines[i];
    }
    return 0;
}
