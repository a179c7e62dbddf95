#ifndef HUSH_CSODIUM_SHIM_H
#define HUSH_CSODIUM_SHIM_H
#include <sodium.h>

/* Swift 6 refuses to take the address of a mutable C global; this selects libsodium's internal
   (ChaCha20, getrandom-seeded) random source. Call before sodium_init(). */
static inline int hush_sodium_use_internal_random(void) {
    return randombytes_set_implementation(&randombytes_internal_implementation);
}
#endif
