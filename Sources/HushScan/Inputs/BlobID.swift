import CCrypto

/// The identity of a blob's content: equal ids, equal bytes. Dedup keys on it, so a blob met in
/// three layers or a thousand commits is scanned once.
///
/// Either the SHA-256 of the bytes (computed with libcrypto, which uses the CPU's SHA extensions),
/// or an id the source already has and vouches for (git's blob id, a layer's digest). Ids of
/// different schemes never compare equal, even when their digests do.
package struct BlobID: Sendable, Hashable, CustomStringConvertible {
    package enum Scheme: String, Sendable, Hashable {
        /// SHA-256 of the bytes themselves.
        case sha256
        /// Git's object id of a blob (SHA-1 or SHA-256 of `blob SIZE NUL` + bytes).
        case gitBlob = "git-blob"
    }

    package var scheme: Scheme
    /// Up to 32 digest bytes, kept inline (a registry holds one per blob: no heap block each).
    private var words: (UInt64, UInt64, UInt64, UInt64)
    private var length: UInt8

    /// `digest` has at most 32 bytes (SHA-256; git's SHA-1 ids have 20).
    package init(scheme: Scheme, digest: [UInt8]) {
        precondition(digest.count <= 32, "a blob id digest has at most 32 bytes")
        self.scheme = scheme
        length = UInt8(digest.count)
        var padded = [UInt64](repeating: 0, count: 4)
        for (index, byte) in digest.enumerated() { padded[index / 8] |= UInt64(byte) << (8 * UInt64(index % 8)) }
        words = (padded[0], padded[1], padded[2], padded[3])
    }

    /// The scheme and the first 16 digest bytes: what a registry keeps for every blob it has seen
    /// (128 bits: a chance collision needs ~2^64 blobs, a crafted one ~2^64 SHA-256 work).
    var key: Key { Key(first: words.0 ^ (UInt64(scheme == .sha256 ? 0 : 1) << 63), second: words.1) }

    struct Key: Hashable, Sendable {
        var first: UInt64
        var second: UInt64
    }

    package var digest: [UInt8] {
        let all = [words.0, words.1, words.2, words.3]
        return (0..<Int(length)).map { UInt8(truncatingIfNeeded: all[$0 / 8] >> (8 * UInt64($0 % 8))) }
    }

    package static func == (a: BlobID, b: BlobID) -> Bool {
        a.scheme == b.scheme && a.length == b.length && a.words == b.words
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(scheme)
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// The SHA-256 of `bytes`.
    package static func sha256(of bytes: UnsafeRawBufferPointer) -> BlobID {
        BlobID(scheme: .sha256, digest: ContentHash.sha256(bytes))
    }

    /// The digest in lowercase hex (a git object id, for git blobs).
    var hex: String { Hex.encode(digest) }

    package var description: String {
        scheme.rawValue + ":" + hex
    }
}

/// SHA-256 through libcrypto: the one implementation in the scanner (fingerprints use it too).
enum ContentHash {
    /// The 32-byte SHA-256 of `bytes`.
    static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { out in
            hush_sha256(bytes.baseAddress, bytes.count, out.baseAddress)
        }
        return digest
    }

    /// The SHA-256 of several pieces, as if concatenated.
    static func sha256(pieces: [[UInt8]]) -> [UInt8] {
        // Pieces are short (fingerprint inputs): one buffer and one call beats a streaming context.
        pieces.joined().withContiguousStorageIfAvailable { sha256(UnsafeRawBufferPointer($0)) }
            ?? Array(pieces.joined()).withUnsafeBytes { sha256($0) }
    }
}

/// SHA-256 over bytes that arrive in pieces: a layer's digest checked while it streams past.
struct SHA256Stream {
    private var context = SHA256_CTX()

    init() {
        hush_sha256_begin(&context)
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        hush_sha256_add(&context, bytes.baseAddress, bytes.count)
    }

    /// The digest in lowercase hex; the stream is spent.
    mutating func finishHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { hush_sha256_end(&context, $0.baseAddress) }
        return Hex.encode(digest)
    }
}
