/// Recognises captured values that are not secrets but stand-ins for one: template and environment
/// references, documentation placeholders, masked values, and AWS's published example keys.
///
/// It errs on the side of reporting: a random-looking token that merely contains a common word
/// (`test`, `key`) is still a secret.
package enum PlaceholderFilter {
    /// Whether `secret` is a stand-in rather than a credential.
    package static func isPlaceholder(_ secret: some StringProtocol) -> Bool {
        let bytes = Array(secret.utf8)
        guard !bytes.isEmpty else { return true }
        return isReference(bytes) || isMasked(bytes) || containsPlaceholderWord(bytes) || addressesTheReader(bytes)
            || publishedExampleKeys.contains(bytes) || isUpperSnakeName(bytes)
            || placeholderValues.contains(bytes.map(lowercase)) || SecretValueJudgement.namesASecret(bytes)
    }

    /// Keys their vendors publish for everyone to use: AWS's documentation key pair, and the fixed
    /// account key of Azurite, Microsoft's local storage emulator (`devstoreaccount1`). Both appear
    /// verbatim in countless READMEs, tests and compose files and grant nothing.
    private static let publishedExampleKeys: Set<[UInt8]> = [
        Array("AKIAIOSFODNN7EXAMPLE".utf8), Array("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".utf8),
        Array("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==".utf8),
    ]

    /// Passwords documentation writes where the reader's goes: stand-ins for provider rules here,
    /// and part of the generic judgement's longer list (`SecretValueJudgement.placeholderValues`).
    static let documentationPasswords = [
        "password", "passwd", "mypassword", "secretpassword", "yourpassword", "supersecret", "mysecretpassword", "supersecretpassword",
    ]

    /// Whole values (compared lowercased) that stand in for a secret in a provider rule's match.
    private static let placeholderValues: Set<[UInt8]> = Set((documentationPasswords + [
        "foobarbazqux", "put your unique phrase here", "my-password", "my_password", "your-password", "your_password",
    ]).map { Array($0.utf8) })

    /// Long words are distinctive enough to count anywhere (`AKIAI44QH8DHBEXAMPLE`); short ones only as
    /// a word-ish part (`fake_token`, `dummyKey`), so random text containing them by chance survives.
    private static let anywhereWords = ["example", "placeholder", "redacted", "changeme", "change_me", "change-me"]
        .map { Array($0.utf8) }
    private static let partWords = ["sample", "dummy", "fake"].map { Array($0.utf8) }

    /// `${VAR}`, `$VAR`, `$(cmd)`, `{{ tmpl }}`, `<your-token>`, `%(name)s`.
    private static let templateDelimiters = [("${", "}"), ("{{", "}}"), ("%(", ")s")]
        .map { (Array($0.0.utf8), Array($0.1.utf8)) }

    private static func isReference(_ b: [UInt8]) -> Bool {
        for (open, close) in templateDelimiters {
            // A capture that stops inside a template (`{{ .Values.x }}` split at the space) is still one.
            if b.starts(with: open), open != templateDelimiters[2].0 { return true }
            if let at = firstIndex(of: open, in: b, from: 0), firstIndex(of: close, in: b, from: at + open.count) != nil {
                return true
            }
        }
        let first = b[0]
        let last = b[b.count - 1]
        if b.count >= 3, first == UInt8(ascii: "<"), last == UInt8(ascii: ">") { return true }
        if b.count >= 3, first == UInt8(ascii: "$"), b[1] == UInt8(ascii: "("), last == UInt8(ascii: ")") { return true }
        if first == UInt8(ascii: "$"), b.count >= 2 { return isVariableName(b[1...]) }
        return false
    }

    /// An environment-style name: identifier characters, not starting with a digit, and single-case
    /// (`$API_TOKEN`, `$token`), so a password such as `$ecretPass1` is not mistaken for one.
    private static func isVariableName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, !isDigit(first),
              name.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        else { return false }
        return !(name.contains(where: isUpper) && name.contains(where: isLower))
    }

    /// An upper-case name of two or more parts (`MY_REDSHIFT_USERNAME`, `KEYDB_PASSWORD`): where a
    /// document shows which variable goes there, not a value.
    private static func isUpperSnakeName(_ b: [UInt8]) -> Bool {
        guard b.count >= 5, let first = b.first, isUpper(first), b.contains(UInt8(ascii: "_")),
              b.allSatisfy({ isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) else { return false }
        return b.split(separator: UInt8(ascii: "_")).filter { $0.count >= 2 && $0.contains(where: isUpper) }.count >= 2
    }

    /// One character repeated (`xxxx`, `****`), or a masking run of five or more `x`, `X`, `*`, `#`.
    private static func isMasked(_ b: [UInt8]) -> Bool {
        if b.count >= 3, b.allSatisfy({ $0 == b[0] }) { return true }
        var run = 0
        var previous: UInt8 = 0
        for byte in b {
            run = byte == previous ? run + 1 : 1
            previous = byte
            if run >= 5, byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*")
                || byte == UInt8(ascii: "#") {
                return true
            }
        }
        return false
    }

    /// Documentation speaking to the reader: `your-api-key`, `your_token`, `YOUR_SECRET`, `yourApiKey`.
    /// The next character must start a new word, so random text that opens with "your" survives.
    private static func addressesTheReader(_ b: [UInt8]) -> Bool {
        guard b.count > 4, b[0...3].map(lowercase) == Array("your".utf8) else { return false }
        let next = b[4]
        return next == UInt8(ascii: "-") || next == UInt8(ascii: "_") || next == UInt8(ascii: ".")
            || (isUpper(next) && !b[1...3].contains(where: isUpper))
    }

    private static func containsPlaceholderWord(_ b: [UInt8]) -> Bool {
        let lowered = b.map(lowercase)
        for word in anywhereWords where firstIndex(of: word, in: lowered, from: 0) != nil {
            return true
        }
        for word in partWords {
            var from = 0
            while let at = firstIndex(of: word, in: lowered, from: from) {
                if isWordPart(b, at..<(at + word.count)) { return true }
                from = at + 1
            }
        }
        return false
    }

    /// Whether `range` of `b` is bounded on both sides by the value's edges, non-letters, or a
    /// lower-to-upper case change (`dummyKey`); a trailing plural `s` is allowed.
    private static func isWordPart(_ b: [UInt8], _ range: Range<Int>) -> Bool {
        let start = range.lowerBound
        var end = range.upperBound
        let startsWord = start == 0 || !isLetter(b[start - 1]) || (isLower(b[start - 1]) && isUpper(b[start]))
        guard startsWord else { return false }
        func endsWord(_ end: Int) -> Bool {
            end == b.count || !isLetter(b[end]) || (isLower(b[end - 1]) && isUpper(b[end]))
        }
        if endsWord(end) { return true }
        if lowercase(b[end]) == UInt8(ascii: "s") {
            end += 1
            return endsWord(end)
        }
        return false
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard from <= haystack.count else { return nil }
        return haystack[from...].firstOccurrence(of: needle)?.lowerBound
    }

    private static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    private static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    private static func isLetter(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func lowercase(_ c: UInt8) -> UInt8 { isUpper(c) ? c + 0x20 : c }
}
