#ifndef HUSH_CCRYPTO_SHIM_H
#define HUSH_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only: its SHA-NI/AVX2 code hashes ~7x faster than
   libsodium's portable crypto_hash_sha256 on this project's machines (measured: 975 vs 135 MB/s).
   The low-level SHA256_* calls go straight to that code; the EVP interface OpenSSL 3 prefers
   would load its provider machinery first (measured: ~3 MB more resident for every scan). */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <openssl/sha.h>

static inline void hush_sha256(const void *bytes, size_t count, unsigned char digest[32]) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes, count);
    SHA256_Final(digest, &context);
}

/* Streaming, for digests checked while a blob streams past (image layers). */
static inline void hush_sha256_begin(SHA256_CTX *context) { SHA256_Init(context); }
static inline void hush_sha256_add(SHA256_CTX *context, const void *bytes, size_t count) { SHA256_Update(context, bytes, count); }
static inline void hush_sha256_end(SHA256_CTX *context, unsigned char digest[32]) { SHA256_Final(digest, context); }
#endif
