/* dos-files-filter: a small DOS text filter in C (bcc -ansi -Md), the kind of tool people still
 * run: numbers and upper-cases the lines of argv[1] into argv[2] through stdio, finds the output's
 * size with lseek, reads it back through a second handle, creates and deletes a scratch file, and
 * exits with the number of lines. */
#include <stdio.h>
#include <fcntl.h>

int upper(c)
int c;
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

int main(argc, argv)
int argc;
char **argv;
{
    FILE *in;
    FILE *out;
    char line[128];
    char back[16];
    int count;
    int i;
    int fd;
    long size;

    if (argc < 3) {
        printf("usage: filter in out\n");
        return 255;
    }
    in = fopen(argv[1], "r");
    if (!in) {
        printf("cannot open %s\n", argv[1]);
        return 254;
    }
    out = fopen(argv[2], "w");
    if (!out) {
        printf("cannot create %s\n", argv[2]);
        return 253;
    }
    count = 0;
    while (fgets(line, sizeof line, in)) {
        count++;
        for (i = 0; line[i]; i++) line[i] = upper(line[i]);
        fprintf(out, "%d: %s", count, line);
    }
    fclose(in);
    fclose(out);

    fd = open(argv[2], O_RDONLY);
    size = lseek(fd, 0L, 2);
    printf("%s is %ld bytes\n", argv[2], size);
    lseek(fd, 3L, 0);
    i = read(fd, back, 5);
    back[i] = 0;
    printf("at 3: %s\n", back);
    close(fd);

    fd = open("SCRATCH.TMP", O_CREAT | O_WRONLY | O_TRUNC, 0666);
    write(fd, "x", 1);
    close(fd);
    printf("unlink %d\n", unlink("SCRATCH.TMP"));
    printf("reopen %d\n", open("SCRATCH.TMP", O_RDONLY));
    return count;
}
