import CSodium
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only file that calls libsodium: every function turns C pointers and return codes into Swift values.
enum Sodium {
    /// libsodium must be initialised once before any other call; `sodium_init` is idempotent and thread-safe.
    ///
    /// Before it, the random source is switched to libsodium's internal generator (ChaCha20, seeded from
    /// getrandom(2), fork-safe): the default makes one getrandom(2) system call per `randombytes_uniform`,
    /// which made `hush gen --count 1000000` spend most of its time in the kernel.
    private static let initialised: Bool = {
        _ = hush_sodium_use_internal_random()
        return sodium_init() >= 0
    }()

    /// The name of libsodium's active random source ("internal" once initialised).
    static var randomImplementationName: String {
        _ = initialised
        return String(cString: randombytes_implementation_name())
    }

    static func ensureInitialised() throws(CryptoError) {
        guard initialised else { throw .libraryUnavailable }
    }

    // MARK: Guarded memory

    /// `sodium_malloc` memory sits between guard pages and is locked so it is never swapped out.
    static func secureAllocate(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        _ = initialised
        // sodium_malloc(0) may return NULL on some builds; one byte keeps the pointer valid.
        let size = max(byteCount, 1)
        guard let pointer = sodium_malloc(size) else {
            // Out of guarded memory is not recoverable for a vault (continuing would put key material in
            // ordinary memory), but it is an error to report, not a crash: each guarded buffer costs several
            // memory mappings, so the usual cause is the mapping limit, not locked memory.
            let message = "hush: cannot allocate guarded memory (sodium_malloc of \(size) bytes failed): the process "
                + "reached its limit of memory mappings (vm.max_map_count) or of memory; nothing more was written\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            exit(1)
        }
        return UnsafeMutableRawBufferPointer(start: pointer, count: byteCount)
    }

    /// Zeroes and releases memory from `secureAllocate` (`sodium_free` zeroes before unmapping).
    static func secureFree(_ buffer: UnsafeMutableRawBufferPointer) {
        sodium_free(buffer.baseAddress)
    }

    static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        sodium_memzero(base, buffer.count)
    }

    static func constantTimeEqual(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0, let a = lhs.baseAddress, let b = rhs.baseAddress else { return true }
        return sodium_memcmp(a, b, lhs.count) == 0
    }

    // MARK: Randomness

    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
        _ = initialised
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        randombytes_buf(base, buffer.count)
    }

    static func randomBytes(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fillRandom($0) }
        return bytes
    }

    /// A uniform value in 0..<upperBound with no modulo bias (`randombytes_uniform` rejects the tail).
    static func uniform(below upperBound: UInt32) -> UInt32 {
        _ = initialised
        return randombytes_uniform(upperBound)
    }

    // MARK: Argon2id

    static let saltLength = Int(crypto_pwhash_argon2id_SALTBYTES)
    static let argon2id13 = Int32(crypto_pwhash_argon2id_ALG_ARGON2ID13)
    static let pwhashMinimumOutput = Int(crypto_pwhash_argon2id_BYTES_MIN)
    static let opsLimitMinimum = UInt64(crypto_pwhash_argon2id_OPSLIMIT_MIN)
    static let memLimitMinimum = UInt64(crypto_pwhash_argon2id_MEMLIMIT_MIN)
    static let opsLimitInteractive = UInt64(crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE)
    static let memLimitInteractive = UInt64(crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE)
    static let opsLimitModerate = UInt64(crypto_pwhash_argon2id_OPSLIMIT_MODERATE)
    static let memLimitModerate = UInt64(crypto_pwhash_argon2id_MEMLIMIT_MODERATE)
    static let opsLimitSensitive = UInt64(crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE)
    static let memLimitSensitive = UInt64(crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE)

    /// `crypto_pwhash` with Argon2id v1.3; false when the parameters are out of range or memory ran out.
    static func argon2id(
        into output: UnsafeMutableRawBufferPointer, password: UnsafeRawBufferPointer,
        salt: [UInt8], opsLimit: UInt64, memLimit: UInt64
    ) -> Bool {
        guard salt.count == saltLength, let out = output.baseAddress else { return false }
        // crypto_pwhash wants a non-null password pointer even for an empty password.
        var empty: CChar = 0
        return withUnsafePointer(to: &empty) { emptyPointer in
            let passwordPointer = password.baseAddress?.assumingMemoryBound(to: CChar.self) ?? emptyPointer
            return salt.withUnsafeBufferPointer { saltBuffer -> Bool in
                guard let saltBase = saltBuffer.baseAddress else { return false }
                return crypto_pwhash(
                    out.assumingMemoryBound(to: UInt8.self), UInt64(output.count),
                    passwordPointer, UInt64(password.count), saltBase,
                    opsLimit, Int(clamping: memLimit), argon2id13) == 0
            }
        }
    }

    // MARK: XChaCha20-Poly1305 (IETF)

    static let aeadKeyLength = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    static let aeadNonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let aeadTagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Writes `message.count + tag` bytes of ciphertext into `output`.
    static func aeadEncrypt(
        into output: UnsafeMutableRawBufferPointer, message: UnsafeRawBufferPointer,
        associatedData: [UInt8], nonce: [UInt8], key: UnsafeRawBufferPointer
    ) -> Bool {
        guard output.count == message.count + aeadTagLength, nonce.count == aeadNonceLength,
            key.count == aeadKeyLength, let out = output.baseAddress, let keyBase = key.baseAddress
        else { return false }
        var written: UInt64 = 0
        let result = associatedData.withUnsafeBufferPointer { ad in
            nonce.withUnsafeBufferPointer { n -> Int32 in
                guard let nonceBase = n.baseAddress else { return -1 }
                return crypto_aead_xchacha20poly1305_ietf_encrypt(
                    out.assumingMemoryBound(to: UInt8.self), &written,
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count),
                    ad.baseAddress, UInt64(ad.count), nil, nonceBase,
                    keyBase.assumingMemoryBound(to: UInt8.self))
            }
        }
        return result == 0 && Int(written) == output.count
    }

    /// Verifies the tag and writes the plaintext into `output`; false when anything was altered.
    static func aeadDecrypt(
        into output: UnsafeMutableRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
        associatedData: [UInt8], nonce: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer
    ) -> Bool {
        guard ciphertext.count >= aeadTagLength, output.count == ciphertext.count - aeadTagLength,
            nonce.count == aeadNonceLength, key.count == aeadKeyLength,
            let cipherBase = ciphertext.baseAddress, let keyBase = key.baseAddress,
            let nonceBase = nonce.baseAddress
        else { return false }
        var written: UInt64 = 0
        let result = associatedData.withUnsafeBufferPointer { ad in
            crypto_aead_xchacha20poly1305_ietf_decrypt(
                output.baseAddress?.assumingMemoryBound(to: UInt8.self), &written, nil,
                cipherBase.assumingMemoryBound(to: UInt8.self), UInt64(ciphertext.count),
                ad.baseAddress, UInt64(ad.count), nonceBase.assumingMemoryBound(to: UInt8.self),
                keyBase.assumingMemoryBound(to: UInt8.self))
        }
        return result == 0 && Int(written) == output.count
    }

    // MARK: BLAKE2b keyed hash and sub-key derivation

    static let kdfKeyLength = Int(crypto_kdf_KEYBYTES)
    static let kdfContextLength = Int(crypto_kdf_CONTEXTBYTES)

    /// Keyed BLAKE2b (`crypto_generichash`) of `message`, `outputLength` bytes (16...64).
    static func keyedHash(message: [UInt8], key: UnsafeRawBufferPointer, outputLength: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: outputLength)
        let result = out.withUnsafeMutableBufferPointer { o -> Int32 in
            guard let outBase = o.baseAddress else { return -1 }
            return message.withUnsafeBufferPointer { m in
                crypto_generichash(
                    outBase, outputLength, m.baseAddress, UInt64(m.count),
                    key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count)
            }
        }
        // Only fails for out-of-range lengths, which callers fix at compile time.
        precondition(result == 0, "crypto_generichash rejected its parameters")
        return out
    }

    /// Keyed BLAKE2b of `message` written into `output` (16...64 bytes), with no allocation.
    static func keyedHash(message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        guard let outBase = output.baseAddress else { return }
        let result = crypto_generichash(
            outBase.assumingMemoryBound(to: UInt8.self), output.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count),
            key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count)
        precondition(result == 0, "crypto_generichash rejected its parameters")
    }

    /// `crypto_kdf_derive_from_key`: a sub-key for one purpose, so no key is used for two jobs.
    static func deriveSubkey(
        into output: UnsafeMutableRawBufferPointer, id: UInt64, context: String, masterKey: UnsafeRawBufferPointer
    ) -> Bool {
        let contextBytes = Array(context.utf8)
        guard contextBytes.count == kdfContextLength, masterKey.count == kdfKeyLength,
            let out = output.baseAddress, let keyBase = masterKey.baseAddress
        else { return false }
        let result = contextBytes.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { ctx -> Int32 in
            guard let contextBase = ctx.baseAddress else { return -1 }
            return crypto_kdf_derive_from_key(
                out.assumingMemoryBound(to: UInt8.self), output.count, id, contextBase,
                keyBase.assumingMemoryBound(to: UInt8.self))
        }
        return result == 0
    }
}
