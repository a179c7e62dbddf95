/// A kind of value that looks like a secret to a naive scanner but is not one.
public enum NonSecretShape: String, Sendable, Hashable, CaseIterable, Codable {
    // Structured values that are public by design or built to be committed.
    case uuid, gitCommit, hexDigest, imageDigest, subresourceIntegrity, goModuleHash
    case embeddedMedia, publicKey, certificate, passwordHash, committedCiphertext
    // Plain text that is configuration, not a credential.
    case boolean, number, version, dateTime, url, emailAddress, filePath, identifier
    // Indirections: the secret lives elsewhere.
    case reference, functionCall
}

/// What surrounds a candidate value, so context-dependent shapes (hex digests, UUIDs) are judged
/// with the key they were assigned to.
public struct ShapeContext: Sendable, Hashable {
    /// The assignment key the value was found under (`api_key`, `checksum`), if any.
    public var key: String?
    /// Text just before the value on its line (`image: nginx@`, `sha256:`), a few dozen bytes at most.
    public var textBefore: String

    public init(key: String? = nil, textBefore: String = "") {
        self.key = key
        self.textBefore = textBefore
    }

    /// Key words that say the value is a digest or an identifier, never a credential.
    static let digestKeyWords: Set<String> = [
        "sha", "sha1", "sha2", "sha256", "sha384", "sha512", "md5", "hash", "digest", "checksum", "integrity",
        "commit", "rev", "revision", "etag", "ref", "uuid", "guid", "id", "fingerprint", "version", "oid",
        "shasum", "crc", "nonce",
    ]

    /// Whether the key (or the text just before the value) says the value is a digest or identifier.
    var saysDigest: Bool {
        if let key, WordShape.lowercasedWords(key).contains(where: Self.digestKeyWords.contains) { return true }
        let before = textBefore.lowercased().suffix(24)
        return ["sha", "md5", "digest", "commit", "checksum", "integrity", "hash", "rev "].contains {
            before.contains($0)
        }
    }

    /// Whether the key names a password a person may have chosen.
    var saysPassword: Bool {
        guard let key else { return false }
        return SecretKeyName.classify(key) == .password
    }

    /// Whether the key names a credential (`password`, `api_key`), so hex and UUID values under it
    /// are treated as possible secrets.
    var saysSecret: Bool {
        guard let key else { return false }
        return SecretKeyName.classify(key) != nil
    }
}
