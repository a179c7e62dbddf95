/// Keyed BLAKE2b and sub-key derivation: one vault key fans out into single-purpose keys.
package enum KeyedHash {
    /// Length of a name lookup hash in bytes.
    package static let digestLength = 32

    /// Keyed BLAKE2b-256 of `message`.
    package static func hash(_ message: [UInt8], key: SecretBytes) -> [UInt8] {
        key.withUnsafeBytes { Sodium.keyedHash(message: message, key: $0, outputLength: digestLength) }
    }

    /// A 32-byte sub-key of `masterKey` for purpose `id` in an 8-character `context` (`crypto_kdf`).
    package static func subkey(of masterKey: SecretBytes, id: UInt64, context: String) throws(CryptoError) -> SecretBytes {
        try Sodium.ensureInitialised()
        guard masterKey.count == Sodium.kdfKeyLength else {
            throw .invalidKeyLength(expected: Sodium.kdfKeyLength, actual: masterKey.count)
        }
        let subkey = SecretBytes(count: 32)
        let ok = subkey.withUnsafeMutableBytes { out in
            masterKey.withUnsafeBytes { Sodium.deriveSubkey(into: out, id: id, context: context, masterKey: $0) }
        }
        guard ok else { throw .invalidKeyLength(expected: Sodium.kdfContextLength, actual: context.utf8.count) }
        return subkey
    }
}
