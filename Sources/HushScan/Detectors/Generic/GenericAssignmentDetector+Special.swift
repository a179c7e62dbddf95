import Foundation

/// Syntaxes that do not follow `key <op> value`: XML elements, name/value pairs, authorization
/// headers, and the `-p` flag of database clients.
extension AssignmentScan {
    /// `<password>v</password>`: the text up to the next `<`, trimmed.
    func xmlElement(key: KeySpan, contentStart: Int) -> (GenericCandidate, Int)? {
        guard let kind = kindOfKey(key) else { return nil }
        var e = contentStart
        let limit = min(n, contentStart + maxValue)
        while e < limit, b[e] != UInt8(ascii: "<") { e += 1 }
        guard e < n, b[e] == UInt8(ascii: "<"), closesElement(key, at: e) else { return nil }
        var s = contentStart
        while s < e, ValueCharacterClasses.isWhitespace(b[s]) { s += 1 }
        var t = e
        while t > s, ValueCharacterClasses.isWhitespace(b[t - 1]) { t -= 1 }
        return make(key, kind, s..<t, .xmlElement, quoted: false).map { ($0.0, e) }
    }

    /// Whether `</key>` starts at `at`: without its end tag, `<passwd>` is a type parameter
    /// (`UnsafeMutablePointer<passwd>,`) or prose, not an element holding a value.
    private func closesElement(_ key: KeySpan, at: Int) -> Bool {
        let nameStart = at + 2
        let nameEnd = nameStart + key.range.count
        guard nameEnd < n, b[at + 1] == UInt8(ascii: "/"), b[nameEnd] == UInt8(ascii: ">") else { return false }
        for offset in 0..<key.range.count where b[nameStart + offset] | 0x20 != b[key.start + offset] | 0x20 {
            return false
        }
        return true
    }

    /// A secret-named key written as the *value* of a name field, with the secret in a sibling value
    /// field: Kubernetes `- name: DB_PASSWORD` / `value: v`, JSON `{"name": "API_KEY", "value": "v"}`,
    /// .NET `<add key="DbPassword" value="v"/>`.
    func nameValuePair(key: KeySpan, outerStart: Int, after: Int) -> (GenericCandidate, Int)? {
        var j = outerStart
        while j > max(0, outerStart - 32), ValueCharacterClasses.isSpace(b[j - 1]) { j -= 1 }
        guard j > 0, b[j - 1] == UInt8(ascii: ":") || b[j - 1] == UInt8(ascii: "=") || Self.isQuote(b[j - 1]) else { return nil }
        var w = j
        while w > max(0, j - 16), b[w - 1] != 0x0A, !ValueCharacterClasses.isSpace(b[w - 1]), b[w - 1] != UInt8(ascii: "{"), b[w - 1] != UInt8(ascii: ",") { w -= 1 }
        let label = text(w..<j).lowercased().filter { $0 != "\"" && $0 != "'" }
        guard ["name:", "name=", "key=", "key:", "-name:"].contains(label) else { return nil }
        // The label must open an item (YAML `- name:`, JSON `{"name":`) or sit in a tag
        // (`<add key=`): after `struct Key:` the name is a type, and a `Value` that follows is too.
        var lineStart = w
        while lineStart > max(0, w - 64), b[lineStart - 1] != 0x0A { lineStart -= 1 }
        let opensItem = b[lineStart..<w].allSatisfy { c in
            ValueCharacterClasses.isWhitespace(c) || "-{[,".utf8.contains(c) || Self.isQuote(c)
        }
        guard opensItem || linePlace(before: outerStart).insideTag else { return nil }
        guard let kind = kindOfKey(key) else { return nil }
        // The value field follows within the same object: the next few lines or the same tag.
        // On a later line it must be a sibling of the label (the same indentation: `key: password`
        // inside a `secretKeyRef` is not the item whose `value:` follows), before any new list item.
        let labelColumn = w - lineStart + (Self.isQuote(b[w]) ? 1 : 0)
        let limit = min(n, after + 256)
        var lines = 0
        var k = after
        var currentLineStart = lineStart
        while k < limit, lines <= 2 {
            if b[k] == 0x0A {
                lines += 1
                currentLineStart = k + 1
                let first = skipSpaces(k + 1)
                if first < n, b[first] == UInt8(ascii: "-") { break }
            }
            if b[k] == UInt8(ascii: ">") || b[k] == UInt8(ascii: "}") { break }
            if b[k] | 0x20 == UInt8(ascii: "v"), k + 5 <= n, text(k..<(k + 5)).lowercased() == "value",
                k == 0 || !Self.isKeyByte(b[k - 1]),
                lines == 0 || k - currentLineStart == labelColumn || !opensItem {
                var p = k + 5
                if p < n, Self.isQuote(b[p]) { p += 1 }
                p = skipSpaces(p)
                guard p < n, b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: "=") else { return nil }
                let v = skipSpaces(p + 1)
                guard !isLineEnd(v) else { return nil }
                let terminators = Self.isQuote(b[v]) ? "" : (b[after - 1] == UInt8(ascii: "\"") ? ",}" : "")
                let syntax: GenericCandidate.Syntax = label.hasSuffix("=") && linePlace(before: outerStart).insideTag ? .xmlAttribute : .nameValuePair
                return value(key, kind, v, syntax: syntax, unquotedTerminators: terminators)
            }
            k += 1
        }
        return nil
    }

    /// Keys followed by their value after a space, with no operator: `.netrc` (`machine h login u
    /// password v`), Dockerfile legacy `ENV PASSWORD v`, SQL `... WITH PASSWORD 'v'`. Byte checks
    /// come first: most keyword hits in prose end here.
    func spaceSeparated(key: KeySpan, outerStart: Int, valueStart v: Int) -> (GenericCandidate, Int)? {
        guard v > key.end, v < n, !isLineEnd(v) else { return nil }
        switch b[v] {
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: "#"), UInt8(ascii: "="), UInt8(ascii: ":"):
            return nil
        default: break
        }
        let keyBytes = Array(UnsafeRawBufferPointer(rebasing: b[key.range]))
        let isPasswordWord = ByteText.lowercased(keyBytes) == Self.passwordWord
        if isPasswordWord, b[v] == UInt8(ascii: "'"), keyBytes.allSatisfy(ValueCharacterClasses.isUpper) {
            // SQL: the keyword PASSWORD, then a single-quoted literal.
            return value(key, .password, v, syntax: .spaceSeparated, unquotedTerminators: nil)
        }
        // Only `password` (.netrc) and keys right after `ENV ` qualify; anything else stops here.
        let lookBack = keyBytes == Self.passwordWord ? 256 : 8
        var start = outerStart
        while start > max(0, outerStart - lookBack), b[start - 1] != 0x0A { start -= 1 }
        guard start == 0 || b[start - 1] == 0x0A else { return nil }
        let line = ByteText.lowercased(ByteText.trimmingSpaces(Array(UnsafeRawBufferPointer(rebasing: b[start..<outerStart]))[...]))
        // .netrc keywords are lowercase; on its own line, `password` must follow a `login`/`machine` line.
        let netrc = keyBytes == Self.passwordWord
            && (Self.netrcStarts.contains { ByteText.hasPrefix(line, $0) } || ByteText.contains(line, Self.spacedLogin)
                || (line.isEmpty && previousLineStartsNetrcEntry(before: start)))
        guard netrc || line == Self.envWord, let kind = kindOfKey(key) else { return nil }
        return value(key, kind, v, syntax: .spaceSeparated, unquotedTerminators: "\"'`;|&")
    }

    private static let passwordWord = ByteText.bytes("password"), envWord = ByteText.bytes("env"), spacedLogin = ByteText.bytes(" login ")
    private static let netrcStarts = ["machine ", "default"].map(ByteText.bytes)
    private static let netrcLineStarts = ["login ", "machine ", "account ", "default"].map(ByteText.bytes)

    private func previousLineStartsNetrcEntry(before lineStart: Int) -> Bool {
        guard lineStart > 0 else { return false }
        var start = lineStart - 1
        while start > max(0, lineStart - 257), b[start - 1] != 0x0A { start -= 1 }
        let line = ByteText.lowercased(ByteText.trimmingSpaces(Array(UnsafeRawBufferPointer(rebasing: b[start..<(lineStart - 1)]))[...]))
        return Self.netrcLineStarts.contains { ByteText.hasPrefix(line, $0) }
    }

    /// Schemes whose credentials are a bearer secret.
    private static let tokenSchemes: Set<String> = ["bearer", "token", "bot", "apikey", "api-key", "key", "sso-key", "jwt", "otp", "pat"]

    /// `Authorization: Bearer v`, `Authorization: token v`, `Authorization: Basic base64(user:pass)`;
    /// inside a string (`-H "Authorization: Bearer v"`) the value stops at the string's quote.
    func authorization(key: KeySpan, keyText: String, valueStart: Int, delimiter: UInt8?) -> (GenericCandidate, Int)? {
        var s = valueStart
        var closing = delimiter
        if Self.isQuote(b[s]) { closing = b[s]; s += 1 }
        let stops = Array(",;".utf8) + (closing.map { [$0] } ?? [])
        var e = s
        while e < min(n, s + 32), ValueCharacterClasses.isLetter(b[e]) || b[e] == UInt8(ascii: "-") { e += 1 }
        let scheme = text(s..<e).lowercased()
        let credentialsStart: Int
        if e < n, b[e] == UInt8(ascii: " "), !scheme.isEmpty {
            credentialsStart = skipSpaces(e)
        } else {
            credentialsStart = s  // a raw key with no scheme
        }
        var c = credentialsStart
        let limit = min(n, credentialsStart + maxValue)
        while c < limit, !ValueCharacterClasses.isWhitespace(b[c]), !stops.contains(b[c]) { c += 1 }
        let r = credentialsStart..<c
        guard !r.isEmpty else { return nil }
        let kind = SecretKeyKind.auth
        if credentialsStart != s, scheme == "basic" {
            // Credentials without a `user:` are judged as the whole decoded text (`Basic dGVzdA==` is "test").
            guard let password = basicCredentials(r) ?? basicText(r) else {
                return make(key, kind, r, .authorizationHeader, quoted: false)
            }
            let candidate = GenericCandidate(
                key: keyText, kind: kind, value: password, keyRange: key.range, valueRange: r,
                syntax: .basicAuthorization, quoted: false)
            return (candidate, c)
        }
        guard credentialsStart == s || Self.tokenSchemes.contains(scheme) else { return nil }
        return make(key, kind, r, .authorizationHeader, quoted: closing != nil)
    }

    /// The text `r` decodes to from base64, when all of it is printable ASCII.
    func basicText(_ r: Range<Int>) -> String? {
        guard r.count >= 4, let decoded = LenientBase64.decode(UnsafeRawBufferPointer(rebasing: b[r])), !decoded.isEmpty,
            decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else { return nil }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The password of base64 `user:password` text, when `r` holds that and it decodes to printable text.
    func basicCredentials(_ r: Range<Int>) -> String? {
        guard r.count >= 8, let decoded = LenientBase64.decode(UnsafeRawBufferPointer(rebasing: b[r])),
            decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":")), colon + 1 < decoded.count
        else { return nil }
        return String(decoding: decoded[(colon + 1)...], as: UTF8.self)
    }

    /// Client commands that take a password in a one-letter flag, and how they take it.
    enum PasswordFlagCommand {
        /// `mysql -pVALUE`, `mysqldump -pVALUE`: only attached, since their `-p VALUE` means "prompt
        /// for the password" and VALUE is the database name.
        case mysql
        /// `sshpass -p VALUE` / `-pVALUE`.
        case sshpass
        /// `redis-cli -a VALUE` (and `valkey-cli`): the flag takes the next word.
        case redisCLI

        var flag: UInt8 { self == .redisCLI ? UInt8(ascii: "a") : UInt8(ascii: "p") }
        var takesAttachedValue: Bool { self != .redisCLI }
        var takesSeparateValue: Bool { self != .mysql }
    }

    /// The password flag of `command` (whose name starts at `i` and is `length` bytes long).
    mutating func commandLinePasswordFlags(commandAt i: Int, length: Int, command: PasswordFlagCommand) {
        if i > 0, !(ValueCharacterClasses.isWhitespace(b[i - 1]) || "/\"'`(;|&$".utf8.contains(b[i - 1])) { return }
        var j = i + length
        while j < n, ValueCharacterClasses.isLower(b[j]), j - i < 16 { j += 1 }  // mysqldump, mysqladmin
        guard j < n, ValueCharacterClasses.isSpace(b[j]) else { return }
        let limit = min(n, j + 1024)
        var k = j
        var expectingValueFor: Int?
        while k < limit {
            k = skipSpaces(k)
            // A CR ends the command as an LF does (CRLF files): stopping here also keeps `k` moving,
            // since a lone whitespace byte would otherwise give an empty word and no progress.
            guard k < limit, b[k] != 0x0A, b[k] != 0x0D, b[k] != UInt8(ascii: "|"), b[k] != UInt8(ascii: ";") else { return }
            var e = k + 1
            while e < limit, !ValueCharacterClasses.isWhitespace(b[e]) { e += 1 }
            if let flag = expectingValueFor {
                emitFlag(flagAt: flag, value: k..<e)
                return
            }
            if e - k >= 2, b[k] == UInt8(ascii: "-"), b[k + 1] == command.flag {
                if e - k > 2 {
                    if command.takesAttachedValue {
                        emitFlag(flagAt: k, value: (k + 2)..<e)
                        return
                    }
                } else if command.takesSeparateValue {
                    expectingValueFor = k
                }
            }
            k = e
        }
    }

    private mutating func emitFlag(flagAt f: Int, value r: Range<Int>) {
        var v = r
        var quoted = false
        if v.count >= 2, Self.isQuote(b[v.lowerBound]), b[v.upperBound - 1] == b[v.lowerBound] {
            v = (v.lowerBound + 1)..<(v.upperBound - 1)
            quoted = true
        }
        guard !v.isEmpty else { return }
        found.append(GenericCandidate(
            key: text(f..<(f + 2)), kind: .password, value: text(v), keyRange: f..<(f + 2), valueRange: v,
            syntax: .commandLineFlag, quoted: quoted))
    }
}
