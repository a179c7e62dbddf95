/// Reads text the way a person names things: identifiers split into words, and whether a run of
/// letters could be a word at all. Random tokens fail these tests because their letters switch case
/// and cluster consonants in ways names and words do not.
enum WordShape {
    /// The words of an identifier-like text, original case kept: split at `_`, `-`, `.`, `/`, `:`,
    /// spaces, camel-case humps (`apiKey`, `APIKey`), and letter/digit boundaries (`pass2`).
    static func words(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        let chars = Array(bytes)
        func flush() {
            if !current.isEmpty { out.append(current); current = [] }
        }
        for (i, b) in chars.enumerated() {
            guard ValueCharacterClasses.isAlphanumeric(b) else { flush(); continue }
            if let last = current.last {
                let digitBoundary = ValueCharacterClasses.isDigit(last) != ValueCharacterClasses.isDigit(b)
                let hump = ValueCharacterClasses.isLower(last) && ValueCharacterClasses.isUpper(b)
                // `APIKey`: the upper K followed by lower e starts a new word after the acronym.
                let acronymEnd = ValueCharacterClasses.isUpper(last) && ValueCharacterClasses.isUpper(b)
                    && i + 1 < chars.count && ValueCharacterClasses.isLower(chars[i + 1])
                if digitBoundary || hump || acronymEnd { flush() }
            }
            current.append(b)
        }
        flush()
        return out
    }

    /// Lowercased words of a key name, as strings.
    static func lowercasedWords(_ text: some StringProtocol) -> [String] {
        words(Array(text.utf8)).map { String(decoding: $0.map(ValueCharacterClasses.lowercased), as: UTF8.self) }
    }

    /// Whether a run of letters could be a word or a common abbreviation: short runs always can;
    /// longer ones need vowels, no long consonant clusters, and one case pattern (lower, UPPER,
    /// Capitalized).
    static func isPronounceable(_ letters: [UInt8]) -> Bool {
        guard letters.count > 3 else { return true }
        let tail = letters.dropFirst()
        let casePattern = tail.allSatisfy(ValueCharacterClasses.isLower) || letters.allSatisfy(ValueCharacterClasses.isUpper)
        guard casePattern else { return false }
        // `y` is a vowel only in words without another (`sync`, `rhythm`).
        let yIsVowel = !letters.contains { ValueCharacterClasses.isVowel($0) && $0 | 0x20 != UInt8(ascii: "y") }
        func isVowel(_ b: UInt8) -> Bool { b | 0x20 == UInt8(ascii: "y") ? yIsVowel : ValueCharacterClasses.isVowel(b) }
        var vowels = 0
        var consonantRun = 0
        var longestConsonantRun = 0
        var repeatRun = 1
        for (i, b) in letters.enumerated() {
            if isVowel(b) {
                vowels += 1
                consonantRun = 0
            } else {
                consonantRun += 1
                longestConsonantRun = max(longestConsonantRun, consonantRun)
            }
            if i > 0, ValueCharacterClasses.lowercased(letters[i - 1]) == ValueCharacterClasses.lowercased(b) {
                repeatRun += 1
                if repeatRun > 2 { return false }
            } else {
                repeatRun = 1
            }
        }
        let ratio = Double(vowels) / Double(letters.count)
        return longestConsonantRun <= 4 && ratio >= 0.15 && ratio <= 0.75
    }

    /// Vowel-less abbreviations common in names (`dbPassword`, `SMTP_HOST`).
    private static let abbreviations: Set<String> = [
        "db", "pg", "js", "ts", "sql", "ssl", "tls", "jwt", "xml", "css", "dns", "http", "https", "smtp", "ssh",
        "gpg", "pgp", "rsa", "dsa", "cfg", "pwd", "msg", "src", "tmp", "ctx", "std", "lib", "pkg", "cmd", "svc",
        "mgmt", "crt", "pw", "mq", "rds", "gcp", "cdn", "vm", "hmac", "md", "ldap", "ntp", "sftp", "ftp",
    ]

    /// Whether `bytes` reads as a name made of words (`DATABASE_PASSWORD`, `userPassword`,
    /// `my-secret-name`, `com.example.Config`): identifier characters only, at least `minimumWords`
    /// words, every letter word pronounceable, at most one one-letter word and one vowel-less word
    /// (beyond common abbreviations), no long all-caps word inside mixed case, few digit words, and
    /// words long enough on average. A random string split at its case changes fails several of these.
    static func isIdentifier(_ bytes: [UInt8], minimumWords: Int = 2, minimumAverage: Double = 3.0) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        var hasLower = false
        var hasUpper = false
        var separated = false
        for b in bytes {
            if ValueCharacterClasses.isLower(b) { hasLower = true } else if ValueCharacterClasses.isUpper(b) { hasUpper = true }
            else if b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { separated = true }
            else if !ValueCharacterClasses.isDigit(b) { return false }
        }
        let parts = words(bytes)
        guard parts.count >= minimumWords else { return false }
        var letterWords = 0
        var letterTotal = 0
        var singleLetters = 0
        var vowelless = 0
        var digitWords = 0
        for word in parts {
            if ValueCharacterClasses.isDigit(word[0]) {
                digitWords += 1
                if word.count > 6 { return false }
                continue
            }
            guard isPronounceable(word) else { return false }
            if hasLower, hasUpper, word.count >= 5, word.allSatisfy(ValueCharacterClasses.isUpper) { return false }
            letterWords += 1
            letterTotal += word.count
            if word.count == 1 {
                singleLetters += 1
            } else if !word.contains(where: ValueCharacterClasses.isVowel),
                !abbreviations.contains(String(decoding: word.map(ValueCharacterClasses.lowercased), as: UTF8.self)) {
                vowelless += 1
            }
        }
        guard letterWords >= minimumWords, singleLetters <= 1, vowelless <= 1 else { return false }
        guard separated ? digitWords * 2 <= letterWords : digitWords <= 1 else { return false }
        return Double(letterTotal) / Double(letterWords) >= minimumAverage
    }

    /// Whether a single path or text segment reads as words (`config`, `db-password.txt`, `README`).
    static func isWordy(_ bytes: [UInt8]) -> Bool {
        let parts = words(bytes)
        guard !parts.isEmpty else { return false }
        if parts.count == 1 {
            let w = parts[0]
            return ValueCharacterClasses.isDigit(w[0]) ? w.count <= 8 : isPronounceable(w)
        }
        return isIdentifier(bytes.filter { $0 != UInt8(ascii: " ") }, minimumWords: 1, minimumAverage: 2.0)
    }
}
