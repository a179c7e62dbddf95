/// A finding's identity across runs: hex SHA-256 of `rule id NUL path NUL secret`.
///
/// It stays the same when the secret moves to another line, and changes when the rule, the file
/// or the secret changes. The path loses any leading `./` first, so `hush scan .` and
/// `hush scan ./` agree. The digest is one-way, but a short or guessable secret could be
/// confirmed by hashing guesses: treat reports as sensitive anyway.
package enum Fingerprint {
    /// The fingerprint of `secret`, found by `ruleID` in `path`, as 64 lowercase hex digits.
    package static func of(ruleID: String, path: String, secret: String) -> String {
        var normalizedPath = Substring(path)
        while normalizedPath.hasPrefix("./") { normalizedPath = normalizedPath.dropFirst(2) }
        let digest = ContentHash.sha256(pieces: [Array(ruleID.utf8), [0], Array(normalizedPath.utf8), [0], Array(secret.utf8)])
        return Hex.encode(digest)
    }

    /// The same secret wherever it is: hex SHA-256 of `rule id NUL secret`, first 16 bytes (32 hex digits).
    /// Findings sharing it are one secret in many places (the text report lists them as one entry).
    package static func secretID(ruleID: String, secret: String) -> String {
        Hex.encode(Array(ContentHash.sha256(pieces: [Array("secret-id".utf8), [0], Array(ruleID.utf8), [0], Array(secret.utf8)]).prefix(16)))
    }
}
