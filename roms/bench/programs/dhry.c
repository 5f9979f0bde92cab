/* dhry: a Dhrystone-like mix (bcc -ansi -Md): records reached through pointers, string copies
 * and compares, small procedures with in/out parameters, switch and enumeration-style branches,
 * 2-D array indexing, the integer arithmetic of Weicker's Dhrystone 2.1 loop. Runs the loop
 * LOOPS times, checks the final values against the ones the loop must leave, prints them and
 * exits 0 when they match. Whole-program benchmark for npm run bench. */
#include <stdio.h>
#include <string.h>

#define LOOPS 30000

#define IDENT_1 0
#define IDENT_2 1
#define IDENT_3 2
#define IDENT_4 3
#define IDENT_5 4

struct record {
    struct record *next;
    int discr;
    int enum_comp;
    int int_comp;
    char str_comp[31];
};

int int_glob;
int bool_glob;
char ch_1_glob, ch_2_glob;
int arr_1_glob[50];
int arr_2_glob[50][50];
struct record rec_a, rec_b;
struct record *ptr_glob, *next_ptr_glob;

int func_1(ch_1, ch_2)
int ch_1, ch_2;
{
    char ch_loc;

    ch_loc = ch_1;
    if (ch_loc != ch_2) return IDENT_1;
    ch_1_glob = ch_loc;
    return IDENT_2;
}

int func_3(enum_par)
int enum_par;
{
    return enum_par == IDENT_3;
}

int func_2(str_1, str_2)
char *str_1, *str_2;
{
    int int_loc;
    char ch_loc;

    int_loc = 2;
    ch_loc = 'A';
    while (int_loc <= 2) {
        if (func_1(str_1[int_loc], str_2[int_loc + 1]) == IDENT_1) {
            ch_loc = 'A';
            int_loc += 1;
        }
    }
    if (ch_loc >= 'W' && ch_loc < 'Z') int_loc = 7;
    if (ch_loc == 'R') return 1;
    if (strcmp(str_1, str_2) > 0) {
        int_loc += 7;
        int_glob = int_loc;
        return 1;
    }
    return 0;
}

void proc_6(enum_val, enum_ref)
int enum_val;
int *enum_ref;
{
    *enum_ref = enum_val;
    if (!func_3(enum_val)) *enum_ref = IDENT_4;
    switch (enum_val) {
    case IDENT_1: *enum_ref = IDENT_1; break;
    case IDENT_2: *enum_ref = int_glob > 100 ? IDENT_1 : IDENT_4; break;
    case IDENT_3: *enum_ref = IDENT_2; break;
    case IDENT_4: break;
    case IDENT_5: *enum_ref = IDENT_3; break;
    }
}

void proc_7(int_1, int_2, int_ref)
int int_1, int_2;
int *int_ref;
{
    *int_ref = int_2 + int_1 + 2;
}

void proc_8(arr_1, arr_2, int_1, int_2)
int *arr_1;
int arr_2[50][50];
int int_1, int_2;
{
    int int_loc, int_index;

    int_loc = int_1 + 5;
    arr_1[int_loc] = int_2;
    arr_1[int_loc + 1] = arr_1[int_loc];
    arr_1[int_loc + 30] = int_loc;
    for (int_index = int_loc; int_index <= int_loc + 1; ++int_index) arr_2[int_loc][int_index] = int_loc;
    arr_2[int_loc][int_loc - 1] += 1;
    arr_2[int_loc + 20][int_loc] = arr_1[int_loc];
    int_glob = 5;
}

void proc_3(ptr_ref)
struct record **ptr_ref;
{
    if (ptr_glob) *ptr_ref = ptr_glob->next;
    proc_7(10, int_glob, &ptr_glob->int_comp);
}

void proc_1(ptr_val)
struct record *ptr_val;
{
    struct record *next;

    next = ptr_val->next;
    *ptr_val->next = *ptr_glob;
    ptr_val->int_comp = 5;
    next->int_comp = ptr_val->int_comp;
    next->next = ptr_val->next;
    proc_3(&next->next);
    if (next->discr == IDENT_1) {
        next->int_comp = 6;
        proc_6(ptr_val->enum_comp, &next->enum_comp);
        next->next = ptr_glob->next;
        proc_7(next->int_comp, 10, &next->int_comp);
    } else {
        *ptr_val = *ptr_val->next;
    }
}

void proc_2(int_ref)
int *int_ref;
{
    int int_loc, enum_loc;

    int_loc = *int_ref + 10;
    enum_loc = IDENT_2;
    for (;;) {
        if (ch_1_glob == 'A') {
            int_loc -= 1;
            *int_ref = int_loc - int_glob;
            enum_loc = IDENT_1;
        }
        if (enum_loc == IDENT_1) break;
    }
}

void proc_4()
{
    int bool_loc;

    bool_loc = ch_1_glob == 'A';
    bool_glob = bool_loc | bool_glob;
    ch_2_glob = 'B';
}

void proc_5()
{
    ch_1_glob = 'A';
    bool_glob = 0;
}

int main()
{
    int int_1, int_2, int_3, ch_index, enum_loc, run, bad;
    char str_1[31], str_2[31];

    next_ptr_glob = &rec_b;
    ptr_glob = &rec_a;
    ptr_glob->next = next_ptr_glob;
    ptr_glob->discr = IDENT_1;
    ptr_glob->enum_comp = IDENT_3;
    ptr_glob->int_comp = 40;
    strcpy(ptr_glob->str_comp, "DHRYSTONE PROGRAM, SOME STRING");
    strcpy(str_1, "DHRYSTONE PROGRAM, 1'ST STRING");
    arr_2_glob[8][7] = 10;
    int_1 = int_2 = int_3 = 0;
    enum_loc = IDENT_1;

    for (run = 1; run <= LOOPS; run++) {
        proc_5();
        proc_4();
        int_1 = 2;
        int_2 = 3;
        strcpy(str_2, "DHRYSTONE PROGRAM, 2'ND STRING");
        enum_loc = IDENT_2;
        bool_glob = !func_2(str_1, str_2);
        while (int_1 < int_2) {
            int_3 = 5 * int_1 - int_2;
            proc_7(int_1, int_2, &int_3);
            int_1 += 1;
        }
        proc_8(arr_1_glob, arr_2_glob, int_1, int_3);
        proc_1(ptr_glob);
        for (ch_index = 'A'; ch_index <= ch_2_glob; ++ch_index) {
            if (enum_loc == func_1(ch_index, 'C')) {
                proc_6(IDENT_1, &enum_loc);
                strcpy(str_2, "DHRYSTONE PROGRAM, 3'RD STRING");
                int_2 = run;
                int_glob = run;
            }
        }
        int_2 = int_2 * int_1;
        int_1 = int_2 / int_3;
        int_2 = 7 * (int_2 - int_3) - int_1;
        proc_2(&int_1);
    }

    /* The values Dhrystone 2.1 documents for the end of the loop. */
    bad = int_glob != 5 || bool_glob != 1 || ch_1_glob != 'A' || ch_2_glob != 'B' ||
          arr_1_glob[8] != 7 || arr_2_glob[8][7] != LOOPS + 10 || int_1 != 5 || int_2 != 13 ||
          int_3 != 7 || enum_loc != IDENT_2 || ptr_glob->int_comp != 17 || next_ptr_glob->int_comp != 18 ||
          strcmp(str_1, "DHRYSTONE PROGRAM, 1'ST STRING") != 0 || strcmp(str_2, "DHRYSTONE PROGRAM, 2'ND STRING") != 0;
    printf("dhry: %d loops, int_glob %d, arr_2_glob[8][7] %d, int_1 %d int_2 %d int_3 %d\n", LOOPS, int_glob,
           arr_2_glob[8][7], int_1, int_2, int_3);
    printf(bad ? "FAILED\n" : "ok\n");
    return bad;
}
