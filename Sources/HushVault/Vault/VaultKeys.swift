/// The single-purpose keys derived from the vault key, and the associated data that binds each sealed box
/// to its place (vault, entry, version), so boxes cannot be swapped or replayed unnoticed.
struct VaultKeys {
    private static let context = "hushvlt1"

    let entryKey: SecretBytes
    let lookupKey: SecretBytes
    let stateKey: SecretBytes
    let digestKey: SecretBytes
    let vaultID: [UInt8]

    init(vaultKey: SecretBytes, vaultID: [UInt8]) throws(CryptoError) {
        entryKey = try KeyedHash.subkey(of: vaultKey, id: 1, context: Self.context)
        lookupKey = try KeyedHash.subkey(of: vaultKey, id: 2, context: Self.context)
        stateKey = try KeyedHash.subkey(of: vaultKey, id: 3, context: Self.context)
        digestKey = try KeyedHash.subkey(of: vaultKey, id: 4, context: Self.context)
        self.vaultID = vaultID
    }

    /// Keyed hash of a name: the only form in which names are indexed on disk.
    func lookup(for name: String) -> [UInt8] {
        KeyedHash.hash(Array(name.utf8), key: lookupKey)
    }

    /// Binds a sealed version to this vault, its entry (row id and random uid, which is never reused even
    /// when `sqlite_sequence` is reset) and its version number.
    func entryAssociatedData(entryID: Int64, uid: some Collection<UInt8>, version: Int) -> [UInt8] {
        Array("hush/entry/v2".utf8) + vaultID + Self.bigEndian(UInt64(bitPattern: entryID)) + Array(uid)
            + Self.bigEndian(UInt64(bitPattern: Int64(version)))
    }

    /// Format 1's binding (no uid), read only to upgrade an old vault.
    func formatOneEntryAssociatedData(entryID: Int64, version: Int) -> [UInt8] {
        Array("hush/entry/v1".utf8) + vaultID + Self.bigEndian(UInt64(bitPattern: entryID)) + Self.bigEndian(UInt64(bitPattern: Int64(version)))
    }

    /// Keyed digest of everything in the header row, bound into the sealed state so an old header spliced
    /// back in (old salt, wrapped key, KDF limits) is detected once the vault key is known.
    func headerDigest(_ header: HeaderRow) -> [UInt8] {
        var message = Array("hush/header/v2".utf8) + vaultID
        message += Self.bigEndian(UInt64(bitPattern: Int64(header.format))) + Self.bigEndian(UInt64(UInt32(bitPattern: Int32(clamping: header.kdfAlgorithm))))
        message += Self.bigEndian(UInt64(bitPattern: header.kdfOpsLimit)) + Self.bigEndian(UInt64(bitPattern: header.kdfMemLimit))
        message += Self.bigEndian(UInt64(header.salt.count)) + Array(header.salt)
        message += Self.bigEndian(UInt64(header.wrappedKey.count)) + Array(header.wrappedKey)
        message += Self.bigEndian(UInt64(bitPattern: header.headerCounter))
        return KeyedHash.hash(message, key: digestKey)
    }

    func stateAssociatedData() -> [UInt8] {
        Array("hush/state/v1".utf8) + vaultID
    }

    /// Contribution of one entry head to the sealed heads digest (format 2 appends the uid; format 1 had none):
    /// `toggleHead` into a zero digest, so the message layout exists once.
    func headDigest(entryID: Int64, version: Int, lookup: some Collection<UInt8>, uid: some Collection<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: KeyedHash.digestLength)
        var message: [UInt8] = []
        var output = digest
        Array(lookup).withUnsafeBytes { l in
            Array(uid).withUnsafeBytes { u in
                toggleHead(entryID: entryID, version: Int64(version), lookup: l, uid: u, into: &digest, message: &message, output: &output)
            }
        }
        return digest
    }

    /// XORs one head's digest into `digest` using caller-owned buffers (no allocation per head).
    func toggleHead(
        entryID: Int64, version: Int64, lookup: UnsafeRawBufferPointer, uid: UnsafeRawBufferPointer, into digest: inout [UInt8],
        message: inout [UInt8], output: inout [UInt8]
    ) {
        message.removeAll(keepingCapacity: true)
        let id = UInt64(bitPattern: entryID), number = UInt64(bitPattern: version)
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: id >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: number >> UInt64(shift))) }
        message.append(contentsOf: lookup)
        message.append(contentsOf: uid)
        message.withUnsafeBytes { m in
            digestKey.withUnsafeBytes { k in
                output.withUnsafeMutableBytes { Sodium.keyedHash(message: m, key: k, into: $0) }
            }
        }
        for index in digest.indices { digest[index] ^= output[index] }
    }

    static func wrappedKeyAssociatedData(vaultID: [UInt8], parameters: KDFParameters) -> [UInt8] {
        Array("hush/vault-key/v1".utf8) + vaultID + bigEndian(UInt64(UInt32(bitPattern: parameters.algorithm)))
            + bigEndian(parameters.opsLimit) + bigEndian(parameters.memLimit)
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) }
    }
}
