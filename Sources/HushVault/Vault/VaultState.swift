/// The sealed summary of the vault: a generation counter, the entry count, the XOR of every head's keyed
/// digest (entry id, current version, name lookup, uid) and, since format 2, the keyed digest of the header.
///
/// Rolling one entry back to an older version, deleting an entry or replaying a deleted one changes the
/// set of heads, so the digest no longer matches; splicing in an older header (salt, wrapped key, KDF
/// limits) changes the header digest. The attacker cannot fix either without the vault key.
/// (Rolling back the whole file to an older copy is not detectable offline.)
struct VaultState: Equatable {
    var generation: UInt64
    var entryCount: UInt64
    var headsDigest: [UInt8]
    var headerDigest: [UInt8]

    static let empty = VaultState(
        generation: 0, entryCount: 0, headsDigest: [UInt8](repeating: 0, count: KeyedHash.digestLength),
        headerDigest: [UInt8](repeating: 0, count: KeyedHash.digestLength))

    mutating func toggle(_ contribution: [UInt8]) {
        for index in headsDigest.indices { headsDigest[index] ^= contribution[index] }
    }

    private static func associatedData(keys: VaultKeys, format: Int) -> [UInt8] {
        Array((format == 1 ? "hush/state/v1" : "hush/state/v2").utf8) + keys.vaultID
    }

    func seal(keys: VaultKeys) throws(CryptoError) -> [UInt8] {
        let plain = SecretBytes(
            bytes: VaultKeys.bigEndian(generation) + VaultKeys.bigEndian(entryCount) + headsDigest + headerDigest)
        return try AEAD.seal(plain, key: keys.stateKey, associatedData: Self.associatedData(keys: keys, format: 2))
    }

    /// Opens a sealed state of `format` (1: no header digest, which reads back as zeros).
    static func open(_ sealed: [UInt8], keys: VaultKeys, format: Int = 2) throws(CryptoError) -> VaultState {
        let plain = try AEAD.open(sealed, key: keys.stateKey, associatedData: associatedData(keys: keys, format: format))
        let length = 16 + KeyedHash.digestLength * (format == 1 ? 1 : 2)
        guard plain.count == length else { throw .malformedCiphertext(length: sealed.count) }
        // Parsed where it was decrypted: the plaintext is not copied out of guarded memory whole.
        return plain.withUnsafeBytes { bytes in
            let number: (Int) -> UInt64 = { start in bytes[start..<(start + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
            let heads = Array(bytes[16..<(16 + KeyedHash.digestLength)])
            let header = format == 1 ? empty.headerDigest : Array(bytes[(16 + KeyedHash.digestLength)...])
            return VaultState(generation: number(0), entryCount: number(8), headsDigest: heads, headerDigest: header)
        }
    }
}
