/* tc: a tiny compiler (bcc -ansi -Md) whose output is an MZ .EXE that DOS then runs, as a real
 * compiler-and-linker pair produces one. The language has two statements, one per line:
 *
 *   PRINT text      writes the text and CR LF (INT 21h/09h)
 *   EXIT n          ends with exit code n (INT 21h/4Ch)
 *
 * The .EXE has a code segment, a data segment reached through a relocated "MOV AX, seg data",
 * and a stack segment that is not in the file (minimum allocation). The header is written as
 * zeros first and patched once the sizes are known (seek back and rewrite).
 *
 *   TC source program.exe
 *
 * Exit codes: 0 compiled, 1 a syntax error (the .EXE is deleted), 2 usage or files. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#define LINE_MAX 128
#define CODE_MAX 2048
#define DATA_MAX 2048
#define HEADER_BYTES 32
#define STACK_BYTES 256

static unsigned char code[CODE_MAX];
static unsigned char data[DATA_MAX];
static unsigned code_len, data_len;

static void emit(unsigned char *bytes, unsigned n)
{
    memcpy(code + code_len, bytes, n);
    code_len += n;
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

static int keyword(char *line, char *word)
{
    unsigned n = strlen(word), i;
    for (i = 0; i < n; i++)
        if (upper(line[i]) != word[i]) return 0;
    return line[n] == ' ' || line[n] == 0;
}

/* One statement; returns 0 or an error text. */
static char *statement(char *line)
{
    static unsigned char print[] = { 0xba, 0, 0, 0xb4, 0x09, 0xcd, 0x21 };     /* mov dx,x; mov ah,9; int 21h */
    static unsigned char leave[] = { 0xb8, 0, 0x4c, 0xcd, 0x21 };              /* mov ax,4C00h+n; int 21h */
    unsigned n;
    char *arg;

    while (*line == ' ' || *line == '\t') line++;
    if (!*line) return 0;
    if (keyword(line, "PRINT")) {
        arg = line[5] ? line + 6 : line + 5;
        n = strlen(arg);
        if (strchr(arg, '$')) return "PRINT text cannot hold '$'";
        if (data_len + n + 3 > DATA_MAX || code_len + sizeof print > CODE_MAX) return "program too big";
        put16(print + 1, data_len);
        emit(print, sizeof print);
        memcpy(data + data_len, arg, n);
        data_len += n;
        data[data_len++] = '\r';
        data[data_len++] = '\n';
        data[data_len++] = '$';
        return 0;
    }
    if (keyword(line, "EXIT")) {
        if (!line[4] || code_len + sizeof leave > CODE_MAX) return "EXIT needs a number";
        leave[1] = atoi(line + 5) & 0xff;
        emit(leave, sizeof leave);
        return 0;
    }
    return "unknown statement";
}

int main(int argc, char **argv)
{
    static unsigned char start[] = { 0xb8, 0, 0, 0x8e, 0xd8 };                 /* mov ax,seg data; mov ds,ax */
    static unsigned char header[HEADER_BYTES];
    FILE *in, *out;
    char line[LINE_MAX];
    char *error = 0;
    unsigned n = 0, code_paras, data_paras, image, file_size;
    int len;

    if (argc != 3) {
        printf("usage: TC source program.exe\n");
        return 2;
    }
    in = fopen(argv[1], "rt");
    if (!in) {
        printf("tc: cannot open %s\n", argv[1]);
        return 2;
    }
    out = fopen(argv[2], "wb");
    if (!out) {
        printf("tc: cannot create %s\n", argv[2]);
        return 2;
    }
    fwrite(header, 1, HEADER_BYTES, out);
    emit(start, sizeof start);
    while (!error && fgets(line, sizeof line, in)) {
        n++;
        len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        error = statement(line);
    }
    fclose(in);
    if (error) {
        printf("%s(%u): %s\n", argv[1], n, error);
        fclose(out);
        unlink(argv[2]);
        return 1;
    }
    /* A program that falls off its end exits with 0. */
    statement("EXIT 0");

    /* The code, then the data, each padded to a paragraph; the stack follows them in memory. */
    code_paras = (code_len + 15) / 16;
    data_paras = (data_len + 15) / 16;
    put16(code + 1, code_paras);                                                /* seg data, relocated */
    fwrite(code, 1, code_paras * 16, out);
    fwrite(data, 1, data_paras * 16, out);
    image = (code_paras + data_paras) * 16;
    file_size = HEADER_BYTES + image;

    header[0] = 'M';
    header[1] = 'Z';
    put16(header + 2, file_size % 512);
    put16(header + 4, (file_size + 511) / 512);
    put16(header + 6, 1);                                                       /* relocations */
    put16(header + 8, HEADER_BYTES / 16);
    put16(header + 10, STACK_BYTES / 16);                                       /* min alloc */
    put16(header + 12, STACK_BYTES / 16);                                       /* max alloc */
    put16(header + 14, code_paras + data_paras);                                /* SS */
    put16(header + 16, STACK_BYTES);                                            /* SP */
    put16(header + 20, 0);                                                      /* IP */
    put16(header + 22, 0);                                                      /* CS */
    put16(header + 24, 28);                                                     /* relocation table */
    put16(header + 28, 1);                                                      /* the word at 0:0001 */
    put16(header + 30, 0);
    fseek(out, 0L, 0);
    fwrite(header, 1, HEADER_BYTES, out);
    fclose(out);
    printf("%s: %u lines, %u bytes\n", argv[2], n, file_size);
    return 0;
}
