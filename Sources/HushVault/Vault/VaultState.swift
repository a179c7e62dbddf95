/// The sealed summary of the entry table: a generation counter, the entry count, and the XOR of every
/// head's keyed digest (entry id, current version, name lookup).
///
/// Rolling one entry back to an older version, deleting an entry or replaying a deleted one changes the
/// set of heads, so the digest no longer matches; the attacker cannot fix it without the vault key.
/// (Rolling back the whole file to an older copy is not detectable offline.)
struct VaultState: Equatable {
    var generation: UInt64
    var entryCount: UInt64
    var headsDigest: [UInt8]

    static let empty = VaultState(generation: 0, entryCount: 0, headsDigest: [UInt8](repeating: 0, count: KeyedHash.digestLength))

    mutating func toggle(_ contribution: [UInt8]) {
        for index in headsDigest.indices { headsDigest[index] ^= contribution[index] }
    }

    func seal(keys: VaultKeys) throws(CryptoError) -> [UInt8] {
        let plain = SecretBytes(bytes: VaultKeys.bigEndian(generation) + VaultKeys.bigEndian(entryCount) + headsDigest)
        return try AEAD.seal(plain, key: keys.stateKey, associatedData: keys.stateAssociatedData())
    }

    static func open(_ sealed: [UInt8], keys: VaultKeys) throws(CryptoError) -> VaultState {
        let plain = try AEAD.open(sealed, key: keys.stateKey, associatedData: keys.stateAssociatedData()).unprotectedBytes()
        guard plain.count == 16 + KeyedHash.digestLength else { throw .malformedCiphertext(length: sealed.count) }
        let number: (Int) -> UInt64 = { start in plain[start..<(start + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        return VaultState(generation: number(0), entryCount: number(8), headsDigest: Array(plain[16...]))
    }
}
