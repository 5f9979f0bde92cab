/* memtest: takes most of memory the two ways DOS programs did and checks every byte of it
 * (bcc -ansi -Md).
 *   1. the C heap: malloc 1 KB blocks until it fails, fill, free every other one, fill the holes
 *      with smaller blocks, check everything, free it all;
 *   2. DOS memory: ask for FFFFh paragraphs (48h fails with the largest block in BX), take it
 *      all, fill it through far copies, shrink it to half (4Ah), allocate the freed half, check
 *      the first half survived, fail to grow back over the neighbour (4Ah error 8, BX = what
 *      fits), free the neighbour, grow back, check again, walk the memory control block chain
 *      from the List of Lists (52h), free everything and see the largest block come back.
 * Prints what it measured as KEY=value lines; exit code 0, or the number of the failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dos.h>

#define HEAP_BLOCK 1024
#define HEAP_SMALL 512
#define MAX_BLOCKS 64
#define CHUNK_PARAS 32
#define CHUNK_BYTES (CHUNK_PARAS * 16)
#define ERROR_NOT_ENOUGH 8

extern unsigned int __psp;

static char *blocks[MAX_BLOCKS];
static char *smalls[MAX_BLOCKS];
static unsigned char pattern[CHUNK_BYTES];
static unsigned char check[CHUNK_BYTES];
static unsigned my_ds;

static int failed(int n, char *what)
{
    printf("FAIL=%d %s\n", n, what);
    return n;
}

static int heap_ok(char *p, unsigned n, int tag)
{
    unsigned i;
    for (i = 0; i < n; i++)
        if ((unsigned char)p[i] != (unsigned char)(tag + i)) return 0;
    return 1;
}

static int heap_test(void)
{
    int n = 0, i;
    for (n = 0; n < MAX_BLOCKS; n++) {
        blocks[n] = (char *)malloc(HEAP_BLOCK);
        if (!blocks[n]) break;
        for (i = 0; i < HEAP_BLOCK; i++) blocks[n][i] = n * 3 + i;
    }
    printf("HEAP_BLOCKS=%d\n", n);
    if (n < 8) return failed(1, "the heap holds fewer than 8 KB");
    for (i = 1; i < n; i += 2) free(blocks[i]);
    for (i = 1; i < n; i += 2) {
        smalls[i] = (char *)malloc(HEAP_SMALL);
        if (!smalls[i]) return failed(2, "a freed block could not be reused");
        memset(smalls[i], 0x5a, HEAP_SMALL);
    }
    for (i = 0; i < n; i += 2)
        if (!heap_ok(blocks[i], HEAP_BLOCK, i * 3)) return failed(3, "a heap block changed");
    for (i = 1; i < n; i += 2) {
        if (smalls[i][0] != 0x5a || smalls[i][HEAP_SMALL - 1] != 0x5a) return failed(3, "a heap block changed");
        free(smalls[i]);
    }
    for (i = 0; i < n; i += 2) free(blocks[i]);
    return 0;
}

/* INT 21h 48h: returns the segment, or 0 with *largest set. */
static unsigned dos_alloc(unsigned paras, unsigned *largest, unsigned *err)
{
    union REGS r;
    r.h.ah = 0x48;
    r.x.bx = paras;
    int86(0x21, &r, &r);
    if (!r.x.cflag) return r.x.ax;
    *largest = r.x.bx;
    *err = r.x.ax;
    return 0;
}

/* INT 21h 4Ah: returns 0 or the error, with *largest set on failure. */
static unsigned dos_resize(unsigned seg, unsigned paras, unsigned *largest)
{
    union REGS r;
    struct SREGS sr;
    segread(&sr);
    sr.es = seg;
    r.h.ah = 0x4a;
    r.x.bx = paras;
    int86x(0x21, &r, &r, &sr);
    if (!r.x.cflag) return 0;
    *largest = r.x.bx;
    return r.x.ax;
}

static unsigned dos_free(unsigned seg)
{
    union REGS r;
    struct SREGS sr;
    segread(&sr);
    sr.es = seg;
    r.h.ah = 0x49;
    int86x(0x21, &r, &r, &sr);
    return r.x.cflag ? r.x.ax : 0;
}

/* The pattern of the 32-paragraph chunk at seg: its segment number in the first and the last
 * word, a byte made from it in between (memset: REP STOSB, so checking stays quick). */
static void make_pattern(unsigned seg)
{
    memset(pattern, (seg * 7) ^ 0x5a, CHUNK_BYTES);
    pattern[0] = pattern[CHUNK_BYTES - 2] = seg & 0xff;
    pattern[1] = pattern[CHUNK_BYTES - 1] = seg >> 8;
}

static void fill(unsigned seg, unsigned paras)
{
    unsigned n;
    for (; paras; paras -= n, seg += n) {
        n = paras < CHUNK_PARAS ? paras : CHUNK_PARAS;
        make_pattern(seg);
        movedata(my_ds, (unsigned)pattern, seg, 0, n * 16);
    }
}

static int intact(unsigned seg, unsigned paras)
{
    unsigned n;
    for (; paras; paras -= n, seg += n) {
        n = paras < CHUNK_PARAS ? paras : CHUNK_PARAS;
        make_pattern(seg);
        movedata(seg, 0, my_ds, (unsigned)check, n * 16);
        if (memcmp(pattern, check, n * 16) != 0) {
            printf("BAD_CHUNK=%x\n", seg);
            return 0;
        }
    }
    return 1;
}

/* Walks the MCB chain: counts blocks, checks the signatures, returns the segment after the
 * last block (0 when the chain is broken); *mine counts blocks owned by this program. */
static unsigned walk_chain(unsigned *blocks_out, unsigned *mine)
{
    union REGS r;
    struct SREGS sr;
    unsigned mcb, size, owner, count = 0;
    int sig;

    segread(&sr);
    r.h.ah = 0x52;
    int86x(0x21, &r, &r, &sr);
    __set_es(sr.es);
    mcb = __deek_es(r.x.bx - 2);
    *mine = 0;
    for (;;) {
        __set_es(mcb);
        sig = __peek_es(0);
        owner = __deek_es(1);
        size = __deek_es(3);
        if (sig != 'M' && sig != 'Z') return 0;
        count++;
        if (owner == __psp) ++*mine;
        if (sig == 'Z' || count > 1000) break;
        mcb += size + 1;
    }
    *blocks_out = count;
    return mcb + size + 1;
}

static int dos_test(void)
{
    unsigned largest = 0, again = 0, err = 0, fit = 0;
    unsigned big, half, other, top, count, mine;

    if (dos_alloc(0xffff, &largest, &err) || err != ERROR_NOT_ENOUGH) return failed(10, "48h FFFFh did not fail with error 8");
    printf("LARGEST=%u\n", largest);
    /* In a small machine the C startup keeps all of memory: nothing is left to take. */
    if (!largest) return dos_alloc(0, &again, &err) ? failed(26, "48h gave a block of nothing free") : 0;
    big = dos_alloc(largest, &again, &err);
    if (!big) return failed(11, "the largest block could not be allocated");
    if (dos_alloc(1, &again, &err) || again != 0) return failed(12, "memory was left after taking the largest block");
    fill(big, largest);
    if (!intact(big, largest)) return failed(13, "the block did not keep its contents");

    half = largest / 2;
    if (dos_resize(big, half, &fit)) return failed(14, "4Ah could not shrink the block");
    other = dos_alloc(0xffff, &again, &err);
    printf("FREED=%u\n", again);
    if (again != largest - half - 1) return failed(15, "the freed half is not the expected size");
    other = dos_alloc(again, &again, &err);
    if (other != big + half + 1) return failed(16, "the second block is not right after the first");
    fill(other, largest - half - 1);
    if (!intact(big, half)) return failed(17, "the first half changed");

    if (dos_resize(big, largest, &fit) != ERROR_NOT_ENOUGH) return failed(18, "4Ah grew over an allocated block");
    printf("FIT=%u\n", fit);
    if (fit != half) return failed(19, "4Ah did not report the size that fits");
    if (!intact(other, largest - half - 1)) return failed(20, "the second block changed");

    top = walk_chain(&count, &mine);
    printf("MCBS=%u\nMINE=%u\nTOP=%x\n", count, mine, top);
    if (!top) return failed(21, "the memory control block chain is broken");

    if (dos_free(other)) return failed(22, "49h failed");
    if (dos_resize(big, largest, &fit)) return failed(23, "4Ah could not grow back into freed memory");
    if (!intact(big, half)) return failed(24, "the first half changed while growing");
    if (dos_free(big)) return failed(22, "49h failed");
    if (dos_alloc(0xffff, &again, &err) || again != largest) return failed(25, "the largest block did not come back");
    return 0;
}

int main(int argc, char **argv)
{
    struct SREGS sr;
    int code;
    segread(&sr);
    my_ds = sr.ds;
    if ((code = heap_test()) != 0) return code;
    if ((code = dos_test()) != 0) return code;
    printf("OK\n");
    return 0;
}
