/* tee: copies standard input to standard output and to a file, byte for byte (bcc -ansi -Md),
 * with read() and write() on the handles, so the file holds exactly what DOS handed the program.
 *
 *   TEE file
 *
 * Exit codes: 0 copied, 1 usage, 2 cannot create the file, 3 a write failed. */
#include <stdio.h>
#include <fcntl.h>

#define CHUNK 256

int main(int argc, char **argv)
{
    char buf[CHUNK];
    int fd, n;
    long total = 0;

    if (argc != 2) {
        fputs("usage: TEE file\n", stderr);
        return 1;
    }
    fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        fprintf(stderr, "TEE: cannot create %s\n", argv[1]);
        return 2;
    }
    while ((n = read(0, buf, CHUNK)) > 0) {
        if (write(fd, buf, n) != n) return 3;
        write(1, buf, n);
        total += n;
    }
    close(fd);
    fprintf(stderr, "TEE: %ld bytes\n", total);
    return 0;
}
