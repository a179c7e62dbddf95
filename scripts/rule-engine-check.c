/*
 * rule-engine-check: runs rule patterns through the two regex engines hush uses, so the rule
 * checker (scripts/check-rules.py, which builds and drives this program) can see what Vectorscan
 * refuses and what PCRE2 -- not Python's regex dialect -- really matches.
 *
 *   rule-engine-check compile RULES          per rule: "i ok" | "i refused MSG" | "i pcre-error MSG",
 *                                            then "database N BYTES" for all accepted rules together
 *   rule-engine-check match RULES CASES      per case: "c HS PCRE G0 G1 ..." (HS/PCRE 0|1, groups hex or -)
 *   rule-engine-check scan RULES < paths     per finding: "rule path line hex(secret)", engine-style:
 *                                            Vectorscan end offsets, then PCRE2 on a window of lines
 *   rule-engine-check bench RULES FILE       Vectorscan alone over FILE: compile time, MB/s, and the
 *                                            rules that fire most (prefilter hits the PCRE2 step pays for)
 *
 * RULES lines: "<secret_group>\t<window_lines>\t<hex pattern>"; CASES lines: "<rule>\t<hex text>".
 * Patterns are compiled as hush compiles them: Vectorscan block mode without start-of-match,
 * PCRE2 with default options (byte semantics); HS_FLAGS in the environment adds Vectorscan flags.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int group, window;
    char *pattern;
    pcre2_code *re;
    int hs_ok;
} rule_t;

static rule_t *rules;
static int nrules;

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static char *unhex(const char *s, size_t *outlen) {
    size_t n = strlen(s) / 2;
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++) out[i] = (char)(hexval(s[2 * i]) * 16 + hexval(s[2 * i + 1]));
    out[n] = 0;
    if (outlen) *outlen = n;
    return out;
}

static void puthex(const unsigned char *p, size_t n) {
    if (n == 0) { putchar('-'); return; }
    for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
}

static char *read_line(FILE *f) {
    size_t cap = 0;
    char *line = NULL;
    ssize_t len = getline(&line, &cap, f);
    if (len < 0) { free(line); return NULL; }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
    return line;
}

static unsigned hs_flags(void) {
    const char *e = getenv("HS_FLAGS");
    return e ? (unsigned)strtoul(e, NULL, 0) : 0;
}

static void load_rules(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(2); }
    char *line;
    int cap = 0;
    while ((line = read_line(f))) {
        if (nrules == cap) { cap = cap ? cap * 2 : 64; rules = realloc(rules, cap * sizeof *rules); }
        rule_t *r = &rules[nrules++];
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2) { fprintf(stderr, "bad rules line %d\n", nrules); exit(2); }
        r->group = atoi(line);
        r->window = atoi(t1 + 1);
        r->pattern = unhex(t2 + 1, NULL);
        int err; PCRE2_SIZE off;
        r->re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
        if (r->re) pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
        hs_database_t *db = NULL; hs_compile_error_t *ce = NULL;
        r->hs_ok = hs_compile(r->pattern, hs_flags(), HS_MODE_BLOCK, NULL, &db, &ce) == HS_SUCCESS;
        if (db) hs_free_database(db);
        if (ce) hs_free_compile_error(ce);
        free(line);
    }
    fclose(f);
}

static hs_database_t *build_database(size_t *bytes, char **failure) {
    const char **pats = malloc(nrules * sizeof *pats);
    unsigned *flags = malloc(nrules * sizeof *flags), *ids = malloc(nrules * sizeof *ids);
    unsigned n = 0;
    for (int i = 0; i < nrules; i++)
        if (rules[i].hs_ok) { pats[n] = rules[i].pattern; flags[n] = hs_flags(); ids[n] = i; n++; }
    hs_database_t *db = NULL; hs_compile_error_t *ce = NULL;
    if (n == 0) return NULL;
    if (hs_compile_multi(pats, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &ce) != HS_SUCCESS) {
        if (failure) *failure = strdup(ce ? ce->message : "unknown");
        if (ce) hs_free_compile_error(ce);
        return NULL;
    }
    if (bytes) hs_database_size(db, bytes);
    return db;
}

static int cmd_compile(void) {
    for (int i = 0; i < nrules; i++) {
        if (!rules[i].re) {
            int err; PCRE2_SIZE off;
            pcre2_compile((PCRE2_SPTR)rules[i].pattern, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            printf("%d\tpcre-error\t%s at offset %zu\n", i, (char *)msg, (size_t)off);
            continue;
        }
        if (rules[i].hs_ok) { printf("%d\tok\n", i); continue; }
        hs_database_t *db = NULL; hs_compile_error_t *ce = NULL;
        hs_compile(rules[i].pattern, hs_flags(), HS_MODE_BLOCK, NULL, &db, &ce);
        printf("%d\trefused\t%s\n", i, ce ? ce->message : "unknown");
        if (ce) hs_free_compile_error(ce);
    }
    size_t bytes = 0; char *failure = NULL;
    hs_database_t *db = build_database(&bytes, &failure);
    if (db) { printf("database\t%zu\n", bytes); hs_free_database(db); }
    else printf("database-failed\t%s\n", failure ? failure : "no rules");
    return 0;
}

typedef struct { int *fired; } fired_ctx;

static int on_fire(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)to; (void)flags;
    ((fired_ctx *)ctx)->fired[id] = 1;
    return 0;
}

static int cmd_match(const char *cases_path) {
    hs_database_t *db = build_database(NULL, NULL);
    hs_scratch_t *scratch = NULL;
    if (db) hs_alloc_scratch(db, &scratch);
    FILE *f = fopen(cases_path, "r");
    if (!f) { perror(cases_path); return 2; }
    int *fired = calloc(nrules, sizeof *fired);
    char *line;
    for (int c = 0; (line = read_line(f)); c++) {
        int ri = atoi(line);
        size_t len;
        char *text = unhex(strchr(line, '\t') + 1, &len);
        memset(fired, 0, nrules * sizeof *fired);
        fired_ctx ctx = { fired };
        if (db) hs_scan(db, text, (unsigned)len, 0, scratch, on_fire, &ctx);
        printf("%d\t%d", c, fired[ri]);
        rule_t *r = &rules[ri];
        if (!r->re) { printf("\t-1\n"); free(text); free(line); continue; }
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->re, NULL);
        int rc = pcre2_match(r->re, (PCRE2_SPTR)text, len, 0, 0, md, NULL);
        if (rc < 0) printf("\t0");
        else {
            printf("\t1");
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            uint32_t ng = pcre2_get_ovector_count(md);
            for (uint32_t g = 0; g < ng; g++) {
                putchar('\t');
                if (g < (uint32_t)rc && ov[2 * g] != PCRE2_UNSET) puthex((unsigned char *)text + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
                else putchar('-');
            }
        }
        putchar('\n');
        pcre2_match_data_free(md);
        free(text); free(line);
    }
    fclose(f);
    return 0;
}

/* ---- scan: the engine's shape, for false-positive measurement ---- */

typedef struct { unsigned rule; unsigned long long to; } hit_t;
typedef struct { hit_t *v; size_t n, cap; } hits_t;

static int on_hit(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)flags;
    hits_t *h = ctx;
    if (h->n == h->cap) { h->cap = h->cap ? h->cap * 2 : 256; h->v = realloc(h->v, h->cap * sizeof *h->v); }
    h->v[h->n++] = (hit_t){ id, to };
    return 0;
}

static size_t line_of(const char *buf, size_t off) {
    size_t line = 1;
    for (size_t i = 0; i < off; i++) if (buf[i] == '\n') line++;
    return line;
}

static void report_matches(int ri, const char *path, const char *buf, size_t start, size_t end, pcre2_match_data *md) {
    rule_t *r = &rules[ri];
    size_t pos = start;
    while (pos <= end) {
        int rc = pcre2_match(r->re, (PCRE2_SPTR)buf + start, end - start, pos - start, 0, md, NULL);
        if (rc < 0) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        int g = r->group;
        if (g < rc && ov[2 * g] != PCRE2_UNSET) {
            printf("%d\t%s\t%zu\t", ri, path, line_of(buf, start + ov[2 * g]));
            puthex((unsigned char *)buf + start + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            putchar('\n');
        }
        size_t next = start + ov[1];
        pos = next > start + ov[0] ? next : start + ov[0] + 1;
    }
}

static int cmp_hit(const void *a, const void *b) {
    const hit_t *x = a, *y = b;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

static int cmd_scan(void) {
    hs_database_t *db = build_database(NULL, NULL);
    hs_scratch_t *scratch = NULL;
    if (db) hs_alloc_scratch(db, &scratch);
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    hits_t hits = {0};
    char *path;
    while ((path = read_line(stdin))) {
        FILE *f = fopen(path, "rb");
        if (!f) { free(path); continue; }
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        if (size <= 0 || size > (64L << 20)) { fclose(f); free(path); continue; }
        char *buf = malloc(size + 1);
        size_t len = fread(buf, 1, size, f);
        fclose(f);
        buf[len] = 0;
        hits.n = 0;
        if (db) hs_scan(db, buf, (unsigned)len, 0, scratch, on_hit, &hits);
        qsort(hits.v, hits.n, sizeof *hits.v, cmp_hit);
        long last_rule = -1; size_t covered = 0;
        for (size_t i = 0; i < hits.n; i++) {
            int ri = hits.v[i].rule;
            size_t to = hits.v[i].to;
            if (ri == last_rule && to <= covered) continue;
            int w = rules[ri].window > 0 ? rules[ri].window : 1;
            size_t s = to ? to - 1 : 0, e = to;
            for (int k = 0; k <= w && s > 0; ) { s--; if (buf[s] == '\n' && ++k > w) { s++; break; } }
            for (int k = 0; e < len; e++) if (buf[e] == '\n' && ++k > w) break;
            report_matches(ri, path, buf, s, e, md);
            last_rule = ri; covered = e;
        }
        for (int ri = 0; ri < nrules; ri++)
            if (!rules[ri].hs_ok && rules[ri].re) report_matches(ri, path, buf, 0, len, md);
        free(buf); free(path);
    }
    return 0;
}

#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);  /* CPU time: steadier on a shared machine */
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int on_count(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)to; (void)flags;
    ((unsigned long *)ctx)[id]++;
    return 0;
}

static int cmd_bench(const char *path) {
    double t0 = now();
    size_t bytes = 0;
    hs_database_t *db = build_database(&bytes, NULL);
    double t1 = now();
    if (!db) { fprintf(stderr, "no database\n"); return 2; }
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(db, &scratch);
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(size);
    size_t len = fread(buf, 1, size, f);
    fclose(f);
    unsigned long *count = calloc(nrules, sizeof *count);
    const size_t block = 1 << 20;  /* scan in 1 MiB blocks, as the engine scans files */
    double t2 = now();
    for (size_t off = 0; off < len; off += block) {
        size_t n = len - off < block ? len - off : block;
        hs_scan(db, buf + off, (unsigned)n, 0, scratch, on_count, count);
    }
    double t3 = now();
    printf("compile %.2f s, database %zu bytes, scan %.1f MB in %.2f s = %.0f MB/s\n",
           t1 - t0, bytes, len / 1e6, t3 - t2, len / 1e6 / (t3 - t2));
    for (int i = 0; i < nrules; i++) if (count[i]) printf("hits\t%d\t%lu\n", i, count[i]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s compile|match|scan RULES [CASES]\n", argv[0]); return 2; }
    load_rules(argv[2]);
    if (!strcmp(argv[1], "compile")) return cmd_compile();
    if (!strcmp(argv[1], "match") && argc > 3) return cmd_match(argv[3]);
    if (!strcmp(argv[1], "scan")) return cmd_scan();
    if (!strcmp(argv[1], "bench") && argc > 3) return cmd_bench(argv[3]);
    fprintf(stderr, "unknown command %s\n", argv[1]);
    return 2;
}
