/* sieve: the BYTE magazine sieve of Eratosthenes (8190 flags) run 200 times, the classic
 * whole-C-program CPU benchmark (bcc -ansi -Md). Prints the count and exits 0 when every pass
 * found 1899 primes. Whole-program benchmark for npm run bench. */
#include <stdio.h>

#define SIZE 8190
#define PASSES 200

char flags[SIZE + 1];

int main()
{
    int i, k, prime, count, pass, bad;

    bad = 0;
    count = 0;
    for (pass = 1; pass <= PASSES; pass++) {
        count = 0;
        for (i = 0; i <= SIZE; i++) flags[i] = 1;
        for (i = 0; i <= SIZE; i++) {
            if (flags[i]) {
                prime = i + i + 3;
                for (k = i + prime; k <= SIZE; k += prime) flags[k] = 0;
                count++;
            }
        }
        if (count != 1899) bad = 1;
    }
    printf("sieve: %d passes, %d primes\n", PASSES, count);
    printf(bad ? "FAILED\n" : "ok\n");
    return bad;
}
