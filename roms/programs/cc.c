/* cc: a toy compiler (bcc -ansi -Md) that behaves like the real ones toward DOS: it reads a
 * source file and the files it #includes (nested, each open at once), writes an object file
 * whose header is patched once the line count is known (seek back and rewrite), reports errors
 * as "FILE(LINE): error: TEXT", deletes its half-written output when it fails, and exits 1.
 *
 *   CC source object
 *
 * Object format: "OBJ" 1Ah, the number of lines as a little-endian word, then each source line
 * (includes expanded, comment lines "//" dropped) upper-cased and ended by LF.
 * Exit codes: 0 compiled, 1 an #error or a missing include, 2 usage or unreadable source. */
#include <stdio.h>
#include <string.h>

#define LINE_MAX 256
#define MAX_DEPTH 4
#define HEADER_BYTES 6

static FILE *out;
static char *out_name;
static unsigned lines_out;

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int fail(char *file, unsigned line, char *what)
{
    printf("%s(%u): error: %s\n", file, line, what);
    fclose(out);
    unlink(out_name);
    return 1;
}

static int compile(char *file, int depth)
{
    FILE *in;
    char line[LINE_MAX];
    unsigned n = 0;
    int len, i, code;
    char *arg;

    in = fopen(file, "rt");
    if (!in) return -1;
    while (fgets(line, sizeof line, in)) {
        n++;
        len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (line[0] == '/' && line[1] == '/') continue;
        if (strncmp(line, "#include ", 9) == 0) {
            arg = line + 9;
            if (depth == MAX_DEPTH) code = fail(file, n, "includes nested too deeply");
            else {
                code = compile(arg, depth + 1);
                if (code < 0) code = fail(file, n, "cannot open include file");
            }
            if (code) {
                fclose(in);
                return code;
            }
            continue;
        }
        if (strncmp(line, "#error", 6) == 0) {
            fclose(in);
            return fail(file, n, line[6] ? line + 7 : "#error");
        }
        for (i = 0; i < len; i++) line[i] = upper(line[i]);
        line[len++] = '\n';
        fwrite(line, 1, len, out);
        lines_out++;
    }
    fclose(in);
    return 0;
}

int main(int argc, char **argv)
{
    static char header[HEADER_BYTES] = { 'O', 'B', 'J', 0x1a, 0, 0 };
    int code;

    if (argc != 3) {
        printf("usage: CC source object\n");
        return 2;
    }
    out_name = argv[2];
    out = fopen(out_name, "wb");
    if (!out) {
        printf("cc: cannot create %s\n", out_name);
        return 2;
    }
    fwrite(header, 1, HEADER_BYTES, out);
    code = compile(argv[1], 0);
    if (code < 0) {
        printf("cc: cannot open %s\n", argv[1]);
        fclose(out);
        unlink(out_name);
        return 2;
    }
    if (code) return code;
    header[4] = lines_out & 0xff;
    header[5] = lines_out >> 8;
    fseek(out, 0L, 0);
    fwrite(header, 1, HEADER_BYTES, out);
    fclose(out);
    printf("%s: %u lines\n", argv[1], lines_out);
    return 0;
}
