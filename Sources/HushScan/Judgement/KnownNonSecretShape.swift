/// Recognises values that have a known non-secret shape, so generic detection does not report them.
///
/// Decision on hex digests and UUIDs: a 32/40/64/128-hex value or a UUID *can* be a credential
/// (many API keys are hex or UUIDs), so those shapes count as non-secret only when the key or the
/// text before the value says digest (`sha256:`, `@sha256:`, `checksum`, `integrity`, `commit`,
/// `hash`, `id`, ...) or when the key does not name a credential at all. Under `api_key`,
/// `secret`, `token` or `password` they are left for judgement. Prefixed digests (`sha256:<hex>`,
/// `name@sha256:<hex>`), SRI strings, go.sum hashes, public keys, certificates, password hashes and
/// ciphertexts of tools built to be committed are non-secret whatever the key: a password hash is
/// crackable but is not itself a credential, and the ciphertexts (SOPS, Sealed Secrets, Ansible
/// Vault, Travis `secure:`) need a key that is kept elsewhere.
package enum KnownNonSecretShape {
    /// The non-secret shape of `value`, or nil when it may be a secret.
    package static func classify(_ value: some StringProtocol, context: ShapeContext = ShapeContext()) -> NonSecretShape? {
        classify(bytes: Array(value.utf8), context: context)
    }

    /// The non-secret shape of a value given as bytes.
    static func classify(bytes raw: [UInt8], context: ShapeContext) -> NonSecretShape? {
        let v = trimmed(raw)
        guard !v.isEmpty else { return nil }
        // A bundle that carries a private key is never waved through, whatever else it holds.
        if contains(v, "PRIVATE KEY") { return nil }
        if let s = pemOrSSHKey(v) { return s }
        if let s = committedCiphertext(v, context: context) { return s }
        if isPasswordHash(v) { return .passwordHash }
        if let s = digest(v, context: context) { return s }
        if isEmbeddedMedia(v) { return .embeddedMedia }
        return textShape(v, context: context)
    }

    // MARK: Keys and certificates

    private static let publicPEMLabels = [
        "PUBLIC KEY", "RSA PUBLIC KEY", "PGP PUBLIC KEY BLOCK", "SSH2 PUBLIC KEY", "OPENSSH PUBLIC KEY",
    ]
    private static let certificatePEMLabels = [
        "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL", "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST",
    ]
    private static let sshKeyTypes = [
        "ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-", "sk-ssh-ed25519@openssh.com ",
        "sk-ecdsa-sha2-", "ssh-rsa-cert-v01@openssh.com ", "ssh-ed25519-cert-v01@openssh.com ",
    ].map(ByteText.bytes)
    /// Base64 of the SSH wire-format key type, seen when the type word was split off the key.
    private static let sshWirePrefixes = ["AAAAB3NzaC1yc2E", "AAAAC3NzaC1lZDI1NTE5", "AAAAE2VjZHNhLXNoYTItbmlzdHA"].map(ByteText.bytes)

    private static func pemOrSSHKey(_ v: [UInt8]) -> NonSecretShape? {
        if hasPrefix(v, "-----BEGIN ") || hasPrefix(v, "---- BEGIN ") {
            let header = String(decoding: v.prefix(64), as: UTF8.self)
            if publicPEMLabels.contains(where: { header.contains("BEGIN \($0) ---") || header.contains("BEGIN \($0)-") }) {
                return .publicKey
            }
            if certificatePEMLabels.contains(where: { header.contains("BEGIN \($0)-") }) { return .certificate }
            return nil
        }
        if sshKeyTypes.contains(where: { ByteText.hasPrefix(v, $0) }) { return .publicKey }
        if v.count >= 60, sshWirePrefixes.contains(where: { ByteText.hasPrefix(v, $0) }) { return .publicKey }
        // age recipients: `age1` + 58 bech32 characters. The matching identity is `AGE-SECRET-KEY-1...`.
        if v.count == 62, hasPrefix(v, "age1"), v.dropFirst(4).allSatisfy({ ValueCharacterClasses.isLower($0) || ValueCharacterClasses.isDigit($0) }) {
            return .publicKey
        }
        return nil
    }

    // MARK: Ciphertexts built to be committed

    private static let ciphertextMarkers = [
        "ENC[AES256_GCM,data:", "ENC[PGP", "$ANSIBLE_VAULT;", "-----BEGIN PGP MESSAGE-----",
        "-----BEGIN AGE ENCRYPTED FILE-----", "age-encryption.org/v1", "EJ[1:",
    ].map(ByteText.bytes)

    private static func committedCiphertext(_ v: [UInt8], context: ShapeContext) -> NonSecretShape? {
        if ciphertextMarkers.contains(where: { ByteText.hasPrefix(v, $0) }) { return .committedCiphertext }
        // Jasypt `ENC(base64)` and HashiCorp Vault transit `vault:v1:base64`.
        if hasPrefix(v, "ENC("), v.last == UInt8(ascii: ")"), v.count >= 16,
            ValueCharacterClasses.isBase64Text(v.dropFirst(4).dropLast()) {
            return .committedCiphertext
        }
        if hasPrefix(v, "vault:v"), v.count >= 24 { return .committedCiphertext }
        let base64 = ValueCharacterClasses.isBase64Text(v)
        // Sealed Secrets: a 2-byte length of the RSA-wrapped session key (0x02 0x00 for RSA-4096)
        // starts the blob, so its base64 opens with `Ag`; the blob is several hundred characters.
        if base64, v.count >= 300, hasPrefix(v, "Ag") { return .committedCiphertext }
        // AWS KMS ciphertext blobs open with bytes 01 02 02 00 78, base64 `AQICAHh`.
        if base64, v.count >= 100, hasPrefix(v, "AQICAH") { return .committedCiphertext }
        // Travis CI `secure: "..."`: RSA ciphertext under a key named `secure`.
        if base64, v.count >= 64, let key = context.key, key.lowercased() == "secure" { return .committedCiphertext }
        return nil
    }

    // MARK: Password hashes

    /// Modular-crypt and framework hash prefixes: bcrypt, argon2, md5/sha-crypt, yescrypt, scrypt,
    /// Django and passlib PBKDF2, Apache apr1, LDAP `{SSHA}`.
    private static let hashPrefixes = [
        "$2a$", "$2b$", "$2x$", "$2y$", "$argon2id$", "$argon2i$", "$argon2d$", "$1$", "$5$", "$6$", "$y$",
        "$7$", "$gy$", "$scrypt$", "$apr1$", "$pbkdf2$", "$pbkdf2-sha1$", "$pbkdf2-sha256$", "$pbkdf2-sha512$",
        "pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$argon2", "bcrypt_sha256$", "bcrypt$$2", "scrypt$",
        "sha1$", "md5$",
    ].map(ByteText.bytes)
    private static let ldapHashPrefixes = ["{SSHA}", "{SHA}", "{SSHA256}", "{SSHA512}", "{SHA256}", "{SHA512}", "{CRYPT}", "{MD5}", "{SMD5}", "{PBKDF2}"].map(ByteText.bytes)

    private static let bcryptMark = ByteText.bytes("$2")

    private static func isPasswordHash(_ v: [UInt8]) -> Bool {
        guard v.count >= 20, !v.contains(where: ValueCharacterClasses.isWhitespace) else { return false }
        // PostgreSQL: `md5` + MD5(password + user) in hex, and `SCRAM-SHA-256$iterations:salt$keys`.
        if v.count == 35, hasPrefix(v, "md5"), ValueCharacterClasses.isHexText(v.dropFirst(3)) { return true }
        if hasPrefix(v, "SCRAM-SHA-256$"), v.dropFirst(14).contains(UInt8(ascii: "$")) { return true }
        // IPython/Jupyter `passwd()`: `ALGORITHM:SALT:HASH` in hex (`sha1:aae8550c0a44:9507d4…`).
        let fields = v.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if fields.count == 3, ["sha1", "sha256", "sha512", "md5"].contains(where: { fields[0].elementsEqual($0.utf8) }),
            fields[1].count >= 8, ValueCharacterClasses.isHexText(fields[1]), fields[2].count >= 32, ValueCharacterClasses.isHexText(fields[2]) {
            return true
        }
        guard v[0] == UInt8(ascii: "$") || v[0] == UInt8(ascii: "{") || v.contains(UInt8(ascii: "$")) else { return false }
        if ldapHashPrefixes.contains(where: { ByteText.hasPrefix(v, $0) }) { return true }
        // An htpasswd line, `user:$apr1$…`: the hash after the user name.
        if let colon = v.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 < v.count, v[colon + 1] == UInt8(ascii: "$"),
            v[..<colon].allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || "._-@".utf8.contains($0) }) {
            return isPasswordHash(Array(v[(colon + 1)...]))
        }
        guard let prefix = hashPrefixes.first(where: { ByteText.hasPrefix(v, $0) }) else { return false }
        // The salt and hash follow in `$`-separated fields after the scheme (bcrypt packs them).
        return v.dropFirst(prefix.count).contains(UInt8(ascii: "$")) || ByteText.hasPrefix(prefix, bcryptMark)
    }

    // MARK: Digests

    private static func digest(_ v: [UInt8], context: ShapeContext) -> NonSecretShape? {
        // `name@sha256:<64 hex>` and `sha256:<hex>`: the algorithm is spelled out, so never a key.
        if let at = firstIndex(of: "@sha256:", in: v), v.count - at - 8 == 64, ValueCharacterClasses.isHexText(v[(at + 8)...]) {
            return .imageDigest
        }
        for (algorithm, hexLength) in [("sha256:", 64), ("sha512:", 128), ("sha1:", 40), ("sha384:", 96), ("md5:", 32)]
        where hasPrefix(v, algorithm) {
            let rest = v.dropFirst(algorithm.utf8.count)
            if rest.count == hexLength, ValueCharacterClasses.isHexText(rest) {
                return algorithm == "sha256:" ? .imageDigest : .hexDigest
            }
            if ValueCharacterClasses.isBase64Text(rest), rest.count >= 20 { return .hexDigest }
        }
        if let s = sriIntegrity(v) { return s }
        // go.sum / go.mod hashes: `h1:` + base64 SHA-256 (44 characters with one `=`).
        if hasPrefix(v, "h1:"), v.count == 47, v.last == UInt8(ascii: "="), ValueCharacterClasses.isBase64Text(v.dropFirst(3)) {
            return .goModuleHash
        }
        let trusted = context.saysDigest || !context.saysSecret
        if isUUID(v) { return trusted ? .uuid : nil }
        guard ValueCharacterClasses.isHexText(v) else { return nil }
        let digestLengths: Set<Int> = [32, 40, 56, 64, 96, 128]
        if digestLengths.contains(v.count), trusted {
            let commitish = context.key.map { WordShape.lowercasedWords($0).contains(where: ["commit", "rev", "revision", "sha"].contains) } ?? false
            return v.count == 40 && commitish ? .gitCommit : .hexDigest
        }
        // Abbreviated commit ids are only recognisable by what names them.
        if (7..<40).contains(v.count), context.saysDigest, !context.saysSecret { return .gitCommit }
        return nil
    }

    /// Subresource Integrity: `sha256-`, `sha384-` or `sha512-` + base64 digest, possibly several
    /// separated by spaces.
    private static func sriIntegrity(_ v: [UInt8]) -> NonSecretShape? {
        let parts = v.split(separator: UInt8(ascii: " "))
        guard !parts.isEmpty else { return nil }
        for part in parts {
            let lengths = [("sha256-", 44), ("sha384-", 64), ("sha512-", 88)]
            guard let (algorithm, length) = lengths.first(where: { hasPrefix(Array(part), $0.0) }) else { return nil }
            let body = part.dropFirst(algorithm.utf8.count)
            // npm lockfiles also carry `sha1-` with 28 characters; a trailing `?opts` is allowed by SRI.
            let digestPart = body.prefix { $0 != UInt8(ascii: "?") }
            guard digestPart.count == length, ValueCharacterClasses.isBase64Text(digestPart) else { return nil }
        }
        return .subresourceIntegrity
    }

    static func isUUID(_ v: [UInt8]) -> Bool {
        guard v.count == 36 else { return false }
        for (i, b) in v.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard b == UInt8(ascii: "-") else { return false }
            } else if !ValueCharacterClasses.isHexDigit(b) {
                return false
            }
        }
        return true
    }

    // MARK: Embedded media

    /// Base64 openings of image and font formats: PNG, JPEG, GIF, WOFF, WOFF2, TrueType, OpenType,
    /// SVG, RIFF/WebP, ICO, PDF.
    private static let mediaMagic = [
        "iVBORw0KGgo", "/9j/", "R0lGOD", "d09GRg", "d09GMg", "AAEAAA", "T1RUTw", "PHN2Zy", "PD94bWwg",
        "UklGR", "AAABAA", "JVBERi0",
    ].map(ByteText.bytes)

    private static func isEmbeddedMedia(_ v: [UInt8]) -> Bool {
        if hasPrefix(v, "data:"), let comma = v.firstIndex(of: UInt8(ascii: ",")) {
            let header = String(decoding: v[..<comma], as: UTF8.self).lowercased()
            let mediaTypes = ["image/", "font/", "application/font", "application/x-font", "audio/", "video/", "application/pdf"]
            return mediaTypes.contains(where: header.contains)
        }
        guard v.count >= 32, ValueCharacterClasses.isBase64Text(v) else { return false }
        return mediaMagic.contains(where: { ByteText.hasPrefix(v, $0) })
    }

    // MARK: Byte helpers

    static func trimmed(_ v: [UInt8]) -> [UInt8] {
        guard let first = v.firstIndex(where: { !ValueCharacterClasses.isWhitespace($0) }),
            let last = v.lastIndex(where: { !ValueCharacterClasses.isWhitespace($0) })
        else { return [] }
        return Array(v[first...last])
    }

    static func hasPrefix(_ v: some Collection<UInt8>, _ prefix: String) -> Bool {
        v.starts(with: prefix.utf8)
    }

    static func hasPrefixIgnoringCase(_ v: [UInt8], _ prefix: String) -> Bool {
        guard v.count >= prefix.utf8.count else { return false }
        return zip(v, prefix.utf8).allSatisfy { ValueCharacterClasses.lowercased($0) == ValueCharacterClasses.lowercased($1) }
    }

    static func firstIndex(of needle: String, in v: [UInt8]) -> Int? {
        ByteText.firstIndex(of: Array(needle.utf8), in: v)
    }

    static func contains(_ v: [UInt8], _ needle: String) -> Bool { firstIndex(of: needle, in: v) != nil }
}
