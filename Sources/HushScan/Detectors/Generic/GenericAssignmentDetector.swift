/// Finds assignments whose key names a secret (`DB_PASSWORD=...`, `"apiKey": "..."`,
/// `<password>...</password>`, `--token ...`, `Authorization: Bearer ...`) in every common syntax.
///
/// No regexes: a case-insensitive scan for a few keyword fragments (`pass`, `pwd`, `secret`, `token`,
/// `key`, `auth`, `cred`, plus `mysql`/`mariadb`/`sshpass` for their `-p` flags and
/// `redis-cli`/`valkey-cli` for `-a`) finds candidate key
/// names, and only the text around each hit is parsed. The work is linear in the input: each hit
/// resumes scanning after the key or value it consumed, and every look-around is bounded, so a
/// 10 MB one-line file costs one pass. Values are reported as written; judge them with
/// `SecretValueJudgement`.
package struct GenericAssignmentDetector: Sendable {
    /// Values longer than this are skipped (PEM keys in JSON strings belong to the private-key rule).
    package var maximumValueLength: Int

    package init(maximumValueLength: Int = 1024) {
        self.maximumValueLength = maximumValueLength
    }

    /// Every candidate in `bytes`, in order of value position.
    package func candidates(in bytes: [UInt8]) -> [GenericCandidate] {
        bytes.withUnsafeBytes { candidates(in: $0) }
    }

    /// Every candidate in the buffer, in order of value position.
    package func candidates(in bytes: UnsafeRawBufferPointer, syntax: TextSyntax = .other) -> [GenericCandidate] {
        guard syntax != .knownAnswers else { return [] }
        var scan = AssignmentScan(b: bytes, maxValue: maximumValueLength, syntax: syntax)
        scan.run()
        return Self.ordered(scan.found)
    }

    /// The candidates of the buffer, given the sorted offsets at which one of
    /// `AssignmentScan.fragments` occurs (without case), as a multi-pattern matcher found them.
    func candidates(in bytes: UnsafeRawBufferPointer, fragmentStarts: [Int], syntax: TextSyntax = .other) -> [GenericCandidate] {
        guard syntax != .knownAnswers else { return [] }
        var scan = AssignmentScan(b: bytes, maxValue: maximumValueLength, syntax: syntax)
        scan.run(at: fragmentStarts)
        return Self.ordered(scan.found)
    }

    private static func ordered(_ found: [GenericCandidate]) -> [GenericCandidate] {
        var seen = Set<Range<Int>>()
        return found.sorted { $0.valueRange.lowerBound < $1.valueRange.lowerBound }
            .filter { seen.insert($0.valueRange).inserted }
    }
}

/// The state of one detector pass over one buffer. Lives only for the duration of `candidates(in:)`.
struct AssignmentScan {
    let b: UnsafeRawBufferPointer
    let maxValue: Int
    /// What the text is written in (code: unquoted values are expressions).
    let syntax: TextSyntax
    var found: [GenericCandidate] = []
    var n: Int { b.count }
    /// Key names repeat within a file; classify each spelling once.
    let kinds = KeyKindCache()

    init(b: UnsafeRawBufferPointer, maxValue: Int, syntax: TextSyntax = .other) {
        self.b = b
        self.maxValue = maxValue
        self.syntax = syntax
    }

    /// What the key at `key` names, from the cache.
    func kindOfKey(_ key: KeySpan) -> SecretKeyKind? {
        let bytes = Array(UnsafeRawBufferPointer(rebasing: b[key.range]))
        if let known = kinds.kinds[bytes] { return known }
        let kind = SecretKeyName.classify(String(decoding: bytes, as: UTF8.self))
        kinds.kinds[bytes] = kind
        return kind
    }

    /// Longest key name considered; longer runs of name characters are skipped whole.
    static let maximumKeyLength = 128

    private static let pass = Array("pass".utf8), pwd = Array("pwd".utf8), secret = Array("secret".utf8)
    private static let token = Array("token".utf8), key = Array("key".utf8), auth = Array("auth".utf8)
    private static let cred = Array("cred".utf8), mysql = Array("mysql".utf8), mariadb = Array("mariadb".utf8)
    private static let sshpass = Array("sshpass".utf8), redisCLI = Array("redis-cli".utf8), valkeyCLI = Array("valkey-cli".utf8)

    /// Every fragment a candidate starts with (lowercase; matched without case). A multi-pattern
    /// matcher that finds where they occur can hand those offsets to `run(at:)` instead of letting
    /// `run()` look at every byte.
    static let fragments: [String] = [
        "pass", "pwd", "secret", "token", "key", "auth", "cred", "mysql", "mariadb", "sshpass", "redis-cli", "valkey-cli",
    ]

    /// Looks at every byte.
    mutating func run() {
        var i = 0
        let count = n
        while i < count { i = step(at: i) }
    }

    /// Looks only at `starts`, sorted offsets where a fragment may begin (any others are skipped as
    /// `run()` would skip them): the same candidates as `run()` when every fragment occurrence is there.
    mutating func run(at starts: [Int]) {
        var i = 0
        for start in starts where start >= i && start < n { i = step(at: start) }
    }

    /// Handles a possible fragment at `i` and returns where to look next.
    private mutating func step(at i: Int) -> Int {
        // `| 0x20` lowercases letters; no other byte maps onto a letter.
        switch b[i] | 0x20 {
        case UInt8(ascii: "p"):
            if matches(Self.pass, at: i) { return keyHit(at: i, length: 4) }
            return matches(Self.pwd, at: i) ? keyHit(at: i, length: 3) : i + 1
        case UInt8(ascii: "s"):
            if matches(Self.secret, at: i) { return keyHit(at: i, length: 6) }
            guard matches(Self.sshpass, at: i) else { return i + 1 }
            commandLinePasswordFlags(commandAt: i, length: 7, command: .sshpass)
            return i + 7
        case UInt8(ascii: "t"):
            return matches(Self.token, at: i) ? keyHit(at: i, length: 5) : i + 1
        case UInt8(ascii: "k"):
            return matches(Self.key, at: i) ? keyHit(at: i, length: 3) : i + 1
        case UInt8(ascii: "a"):
            return matches(Self.auth, at: i) ? keyHit(at: i, length: 4) : i + 1
        case UInt8(ascii: "c"):
            return matches(Self.cred, at: i) ? keyHit(at: i, length: 4) : i + 1
        case UInt8(ascii: "m"):
            guard matches(Self.mysql, at: i) || matches(Self.mariadb, at: i) else { return i + 1 }
            let length = b[i + 1] | 0x20 == UInt8(ascii: "y") ? 5 : 7
            commandLinePasswordFlags(commandAt: i, length: length, command: .mysql)
            return i + length
        case UInt8(ascii: "r"):
            guard matches(Self.redisCLI, at: i) else { return i + 1 }
            commandLinePasswordFlags(commandAt: i, length: 9, command: .redisCLI)
            return i + 9
        case UInt8(ascii: "v"):
            guard matches(Self.valkeyCLI, at: i) else { return i + 1 }
            commandLinePasswordFlags(commandAt: i, length: 10, command: .redisCLI)
            return i + 10
        default:
            return i + 1
        }
    }

    @inline(__always)
    private func matches(_ fragment: [UInt8], at i: Int) -> Bool {
        guard i + fragment.count <= n else { return false }
        var j = 1  // the first byte was matched by the caller's switch
        while j < fragment.count {
            if b[i + j] | 0x20 != fragment[j] { return false }
            j += 1
        }
        return true
    }

    static func isKeyByte(_ c: UInt8) -> Bool {
        ValueCharacterClasses.isAlphanumeric(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    /// Expands a keyword hit to the whole key name, parses what follows, and returns where to resume.
    private mutating func keyHit(at hit: Int, length: Int) -> Int {
        var start = hit
        let leftLimit = max(0, hit - Self.maximumKeyLength)
        while start > leftLimit, Self.isKeyByte(b[start - 1]) { start -= 1 }
        if start == leftLimit, start > 0, Self.isKeyByte(b[start - 1]) { return skipNameRun(from: hit) }
        var end = hit + length
        let rightLimit = min(n, start + Self.maximumKeyLength)
        while end < rightLimit, Self.isKeyByte(b[end]) { end += 1 }
        if end == rightLimit, end < n, Self.isKeyByte(b[end]) { return skipNameRun(from: end) }
        let nameEnd = end
        var dashes = 0
        while start < end, b[start] == UInt8(ascii: "-") { start += 1; dashes += 1 }
        while start < end, b[start] == UInt8(ascii: ".") { start += 1 }
        while end > start, b[end - 1] == UInt8(ascii: ".") || b[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard end > start else { return nameEnd }
        let key = KeySpan(start: start, end: end, dashes: dashes)
        if let (candidate, resume) = assignment(for: key) {
            found.append(candidate)
            return max(resume, nameEnd)
        }
        return nameEnd
    }

    private func skipNameRun(from i: Int) -> Int {
        var j = i
        while j < n, Self.isKeyByte(b[j]) { j += 1 }
        return j
    }

    // MARK: Small readers shared by the parsing extensions

    func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    func skipSpaces(_ i: Int) -> Int {
        var j = i
        while j < n, ValueCharacterClasses.isSpace(b[j]) { j += 1 }
        return j
    }

    func isLineEnd(_ i: Int) -> Bool { i >= n || b[i] == 0x0A || b[i] == 0x0D }

    static func isQuote(_ c: UInt8) -> Bool { c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "`") }

    /// The value between the quote at `open` and its unescaped partner on the same line, and the
    /// index after the closing quote; nil when unterminated or longer than the maximum.
    func quotedValue(at open: Int) -> (range: Range<Int>, end: Int)? {
        let q = b[open]
        var j = open + 1
        let limit = min(n, open + 1 + maxValue)
        while j < limit {
            let c = b[j]
            if c == UInt8(ascii: "\\") { j += 2; continue }
            if c == 0x0A { return nil }
            if c == q { return (open + 1..<j, j + 1) }
            j += 1
        }
        return nil
    }

    /// An unquoted value running to the end of its line, less a trailing ` # comment` and spaces.
    func lineValue(from v: Int) -> Range<Int>? {
        var j = v
        let limit = min(n, v + maxValue)
        while j < limit, b[j] != 0x0A { j += 1 }
        if j == limit, j < n, b[j] != 0x0A { return nil }
        var e = j
        var k = v + 1
        while k < e {
            if b[k] == UInt8(ascii: "#"), ValueCharacterClasses.isSpace(b[k - 1]) { e = k; break }
            k += 1
        }
        while e > v, ValueCharacterClasses.isWhitespace(b[e - 1]) { e -= 1 }
        return e > v ? v..<e : nil
    }

    /// An unquoted value running until whitespace or one of `terminators`.
    func tokenValue(from v: Int, terminators: String) -> Range<Int>? {
        var j = v
        let limit = min(n, v + maxValue)
        let stops = Array(terminators.utf8)
        while j < limit, !ValueCharacterClasses.isWhitespace(b[j]), !stops.contains(b[j]) { j += 1 }
        if j == limit, j < n, !ValueCharacterClasses.isWhitespace(b[j]), !stops.contains(b[j]) { return nil }
        return j > v ? v..<j : nil
    }
}

/// Key-name classifications made during one pass (a class so non-mutating parsers can fill it).
final class KeyKindCache {
    var kinds: [[UInt8]: SecretKeyKind?] = [:]
}

/// Where a key name sits: its bytes (without leading dashes) and how many dashes preceded it.
struct KeySpan {
    var start: Int
    var end: Int
    var dashes: Int
    var range: Range<Int> { start..<end }
}
