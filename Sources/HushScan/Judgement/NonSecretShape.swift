/// A kind of value that looks like a secret to a naive scanner but is not one.
package enum NonSecretShape: String, Sendable, Hashable, CaseIterable, Codable {
    // Structured values that are public by design or built to be committed.
    case uuid, gitCommit, hexDigest, imageDigest, subresourceIntegrity, goModuleHash
    case embeddedMedia, publicKey, certificate, passwordHash, committedCiphertext
    // Plain text that is configuration, not a credential.
    case boolean, number, version, dateTime, url, emailAddress, filePath, identifier
    // Indirections: the secret lives elsewhere.
    case reference, functionCall
    /// A statement of code (`(const char *)buf;`, `a != NULL ? NULL : "";`): an indented
    /// `name = expression;` line read as if it were an INI setting.
    case codeStatement
}

extension NonSecretShape {
    /// A value with a structure of its own (UUID, digest, key, hash, ciphertext), as opposed to plain
    /// configuration text. Only these are checked on provider rules' captures: a webhook rule
    /// captures a URL on purpose.
    package var isStructured: Bool {
        switch self {
        case .uuid, .gitCommit, .hexDigest, .imageDigest, .subresourceIntegrity, .goModuleHash, .embeddedMedia,
             .publicKey, .certificate, .passwordHash, .committedCiphertext:
            true
        case .boolean, .number, .version, .dateTime, .url, .emailAddress, .filePath, .identifier, .reference,
             .functionCall, .codeStatement:
            false
        }
    }
}

/// What surrounds a candidate value, so context-dependent shapes (hex digests, UUIDs) are judged
/// with the key they were assigned to.
package struct ShapeContext: Sendable, Hashable {
    /// The assignment key the value was found under (`api_key`, `checksum`), if any.
    package let key: String?
    /// Text just before the value on its line (`image: nginx@`, `sha256:`), a few dozen bytes at most.
    package let textBefore: String
    /// What the key names, when it names a credential.
    let keyKind: SecretKeyKind?
    /// Whether the key (or the text just before the value) says the value is a digest or identifier.
    let saysDigest: Bool
    /// A provider rule's pattern (keyword, prefix, surrounding syntax) matched the value: that says
    /// credential as clearly as a secret-named key.
    let matchedByRule: Bool

    /// `matchedByRule`: the value is the capture of a provider rule rather than a generic candidate.
    package init(key: String? = nil, textBefore: String = "", matchedByRule: Bool = false) {
        self.key = key
        self.textBefore = textBefore
        self.matchedByRule = matchedByRule
        keyKind = key.flatMap(SecretKeyName.classify)
        let keyWords = key.map(WordShape.lowercasedWords) ?? []
        let before = ByteText.lowercased(textBefore.utf8.suffix(24))
        saysDigest = keyWords.contains(where: Self.digestKeyWords.contains)
            || Self.digestMarkers.contains { ByteText.contains(before, $0) }
    }

    /// Key words that say the value is a digest or an identifier, never a credential.
    static let digestKeyWords: Set<String> = [
        "sha", "sha1", "sha2", "sha256", "sha384", "sha512", "md5", "hash", "digest", "checksum", "integrity",
        "commit", "rev", "revision", "etag", "ref", "uuid", "guid", "id", "fingerprint", "version", "oid",
        "shasum", "crc", "nonce",
    ]

    private static let digestMarkers: [[UInt8]] = ["sha", "md5", "digest", "commit", "checksum", "integrity", "hash", "rev "].map(ByteText.bytes)

    /// Whether the key names a password a person may have chosen.
    var saysPassword: Bool { keyKind == .password }

    /// Whether the key names a credential (`password`, `api_key`), or a provider rule matched, so hex
    /// and UUID values are treated as possible secrets.
    var saysSecret: Bool { keyKind != nil || matchedByRule }
}
