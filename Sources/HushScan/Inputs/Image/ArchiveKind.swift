/// What the first bytes of a blob say it is, when it is an archive hush can open: told by content,
/// never by name (a layer is `blobs/sha256/…`, a jar may be called anything).
package enum ArchiveKind: Sendable, Hashable {
    /// An uncompressed tar (its first header's checksum holds).
    case tar
    /// gzip, zstd, xz, bzip2 or lz4: maybe a compressed tar, known only once decompressed.
    case compressed
    /// zip and its kin: jar, war, ear, whl, egg, apk.
    case zip

    /// Bytes worth reading to tell (a tar's magic sits at offset 257).
    static let probeLength = 512

    static func of(_ prefix: UnsafeRawBufferPointer) -> ArchiveKind? {
        func starts(_ magic: [UInt8]) -> Bool { prefix.count >= magic.count && prefix.prefix(magic.count).elementsEqual(magic) }
        if starts([0x1F, 0x8B]) || starts([0x28, 0xB5, 0x2F, 0xFD]) || starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
            || starts([0x04, 0x22, 0x4D, 0x18]) {
            return .compressed
        }
        if starts([0x42, 0x5A, 0x68]), prefix.count >= 10, (0x31...0x39).contains(prefix[3]),
           prefix[4..<10].elementsEqual([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) {
            return .compressed
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if TarIndex.startsWithHeader(prefix) { return .tar }
        return nil
    }

    static func of(_ bytes: [UInt8]) -> ArchiveKind? {
        bytes.withUnsafeBytes { of(UnsafeRawBufferPointer(rebasing: $0.prefix(probeLength))) }
    }
}
