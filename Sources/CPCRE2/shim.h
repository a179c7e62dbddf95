#ifndef HUSH_CPCRE2_SHIM_H
#define HUSH_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros built with casts do not import into Swift; these expose them as functions. */
static inline size_t hush_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline size_t hush_pcre2_unset(void) { return PCRE2_UNSET; }
/* Whether a pcre2_match result means it gave up on a resource limit rather than found no match. */
static inline int hush_pcre2_is_limit(int result) {
    return result == PCRE2_ERROR_MATCHLIMIT || result == PCRE2_ERROR_DEPTHLIMIT
        || result == PCRE2_ERROR_HEAPLIMIT || result == PCRE2_ERROR_JIT_STACKLIMIT;
}
#endif
