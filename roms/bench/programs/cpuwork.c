/* cpuwork: the CPU-bound half of a typical DOS tool in C (bcc -ansi -Md): a byte-array sieve of
 * Eratosthenes run many times, then a recursive quicksort of pseudo-random words, checked, with
 * printf output (the primes of the last pass, one line per sort). Exits 0 when every check holds,
 * 1 otherwise. Whole-program benchmark for npm run bench. */
#include <stdio.h>

#define SIEVE_SIZE 8190
#define SIEVE_PASSES 60
#define SORT_SIZE 6000
#define SORT_PASSES 12

char flags[SIEVE_SIZE + 1];
unsigned keys[SORT_SIZE];
unsigned seed;

/* The classic BYTE sieve: flags[i] stands for the odd number 2i + 3. */
int sieve(show)
int show;
{
    int i, k, prime, count;

    count = 0;
    for (i = 0; i <= SIEVE_SIZE; i++) flags[i] = 1;
    for (i = 0; i <= SIEVE_SIZE; i++) {
        if (flags[i]) {
            prime = i + i + 3;
            if (show) printf("%u%c", prime, count % 10 == 9 ? '\n' : ' ');
            for (k = i + prime; k <= SIEVE_SIZE; k += prime) flags[k] = 0;
            count++;
        }
    }
    if (show) printf("\n");
    return count;
}

unsigned rnd()
{
    seed = seed * 25173 + 13849;
    return seed;
}

void quicksort(lo, hi)
int lo, hi;
{
    int i, j;
    unsigned pivot, t;

    while (lo < hi) {
        pivot = keys[(lo + hi) >> 1];
        i = lo;
        j = hi;
        while (i <= j) {
            while (keys[i] < pivot) i++;
            while (keys[j] > pivot) j--;
            if (i <= j) {
                t = keys[i];
                keys[i] = keys[j];
                keys[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller part, loop on the larger: the stack stays shallow. */
        if (j - lo < hi - i) {
            quicksort(lo, j);
            lo = i;
        } else {
            quicksort(i, hi);
            hi = j;
        }
    }
}

int main()
{
    int pass, i, bad, count;
    unsigned long sum, check;

    bad = 0;
    for (pass = 1; pass <= SIEVE_PASSES; pass++) {
        count = sieve(pass == SIEVE_PASSES);
        if (count != 1899) bad = 1;
    }
    printf("sieve: %d passes, %d primes\n", SIEVE_PASSES, count);

    seed = 1;
    for (pass = 1; pass <= SORT_PASSES; pass++) {
        sum = 0;
        for (i = 0; i < SORT_SIZE; i++) {
            keys[i] = rnd();
            sum += keys[i];
        }
        quicksort(0, SORT_SIZE - 1);
        check = 0;
        for (i = 0; i < SORT_SIZE; i++) {
            if (i > 0 && keys[i - 1] > keys[i]) bad = 1;
            check += keys[i];
        }
        if (check != sum) bad = 1;
        printf("sort %d: %u keys, min %u max %u sum %lu\n", pass, SORT_SIZE, keys[0], keys[SORT_SIZE - 1], sum);
    }
    printf(bad ? "FAILED\n" : "ok\n");
    return bad;
}
