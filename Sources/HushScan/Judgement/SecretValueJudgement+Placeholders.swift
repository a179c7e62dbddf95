import Foundation

/// Stand-ins people write where a secret will go: documentation values, defaults, masks.
extension SecretValueJudgement {
    /// Whole values (lowercased, keeping only letters, digits and `@`) that are stand-ins or defaults.
    private static let placeholderValues: Set<String> = Set([
        "secret", "token", "changeme", "none", "null", "nil", "nullptr", "undefined", "empty",
        "todo", "tbd", "fixme", "example", "test", "testing", "dummy", "default", "admin", "root", "guest",
        "user", "username", "pass", "pwd", "123456", "1234567", "12345678", "123456789", "1234567890", "qwerty",
        "letmein", "foobar", "foo", "bar", "baz", "abc123", "hunter2",
        "secret123", "password123", "password1", "passw0rd", "p@ssw0rd", "p@ssword", "p4ssw0rd", "s3cr3t",
        "apikey", "yourapikey", "mysecret", "topsecret", "notasecret", "sample", "placeholder",
        "redacted", "hidden", "masked", "replaceme", "secretkey", "mytoken", "yourtoken", "na", "string",
        "value", "required", "optional", "unset", "notset", "blank", "xxx", "key", "apitoken", "accesstoken",
        "defaultpassword", "adminadmin",
        "password12345", "welcome", "welcome1", "iloveyou", "trustno1", "opensesame", "notsecure", "insecure",
    ] + PlaceholderFilter.documentationPasswords)

    /// Fragments that mark a documentation value wherever they appear.
    private static let placeholderFragments: [[UInt8]] = [
        "example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourpass",
        "yourtoken", "yoursecret", "yourkey", "_here", "-here", "xxxx", "****", "...", "…", "redacted",
        "replace_me", "replace-me", "replaceme", "insert_", "insert-", "<your", "notreal", "not_real",
        "not-a-real", "dummy", "sample", "fake_", "_fake", "-fake", "fake-", "fake ", "••",
    ].map(ByteText.bytes)

    private static let maskCharacters: Set<UInt8> = Set("*xX#.-_•?".utf8)

    /// Whether `v` is a stand-in rather than a value: a known placeholder, a fragment that marks one,
    /// a mask (`********`, `xxxxxxxx`), or mostly one repeated character.
    static func isPlaceholder(_ v: [UInt8]) -> Bool {
        let normalized = String(decoding: v.compactMap { b -> UInt8? in
            let l = ValueCharacterClasses.lowercased(b)
            return ValueCharacterClasses.isAlphanumeric(l) || l == UInt8(ascii: "@") ? l : nil
        }, as: UTF8.self)
        if normalized.isEmpty || placeholderValues.contains(normalized) { return true }
        let lower = ByteText.lowercased(v)
        if placeholderFragments.contains(where: { ByteText.contains(lower, $0) }) { return true }
        if v.count >= 3, v.allSatisfy(maskCharacters.contains) { return true }
        return v.count >= 4 && isMostlyOneCharacter(v, share: 0.6)
    }

    /// Whether one byte value makes up at least `share` of `v` (`xxxx-xxxx`, a PEM body of X's).
    static func isMostlyOneCharacter(_ v: some Collection<UInt8>, share: Double) -> Bool {
        guard !v.isEmpty else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for b in v { counts[Int(b)] += 1 }
        return Double(counts.max() ?? 0) / Double(v.count) >= share
    }

    /// The nouns a secret is called by: a phrase that ends in one names the secret instead of being it.
    private static let secretNouns: Set<String> = [
        "secret", "password", "passwd", "pass", "passphrase", "pwd", "token", "key", "apikey", "credential", "credentials",
    ]
    private static let gluedSecretNouns = ["password", "passwd", "passphrase", "secret", "token"].map(ByteText.bytes)

    /// Whether `v` is the *name* of a secret rather than a secret: an identifier-like phrase that ends in
    /// the secret's own noun (`googleOauthClientSecret`, `github-oauth2-client-secret`, `my-app.api-key`,
    /// `my-super-secret-passphrase`), or a short word glued to one (`rpcpassword`, `dbsecret`), as
    /// documentation writes where the reader's value goes. Letters, at most two digits, and `-` `_` `.`
    /// only: generated tokens carry more digits, and human passwords other characters.
    static func namesASecret(_ v: [UInt8]) -> Bool {
        guard (6...64).contains(v.count),
            v.allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }),
            v.filter(ValueCharacterClasses.isDigit).count <= 2,
            let first = v.first, ValueCharacterClasses.isLetter(first)
        else { return false }
        let words = WordShape.lowercasedWords(String(decoding: v, as: UTF8.self))
        if words.count >= 2, let last = words.last, secretNouns.contains(last) {
            return words.dropLast().allSatisfy { $0.count <= 12 }
        }
        guard words.count == 1 else { return false }
        let lower = ByteText.lowercased(v)
        return gluedSecretNouns.contains { noun in
            lower.count > noun.count && lower.count - noun.count <= 8 && ByteText.hasSuffix(lower, noun)
                && lower.dropLast(noun.count).allSatisfy(ValueCharacterClasses.isLetter)
        }
    }

    /// Whether `v` is padded base64 of a stand-in (`YWRtaW4=` is "admin", as Kubernetes Secret data
    /// and chart notes write a default): judged by what it says once decoded.
    static func isBase64OfPlaceholder(_ v: [UInt8]) -> Bool {
        guard (4...64).contains(v.count), v.count % 4 == 0,
            let decoded = Data(base64Encoded: Data(v)), (3...40).contains(decoded.count),
            decoded.allSatisfy({ (0x20...0x7E).contains($0) })
        else { return false }
        let text = Array(decoded)
        return PlaceholderFilter.isPlaceholder(String(decoding: text, as: UTF8.self)) || isPlaceholder(text)
    }
}
