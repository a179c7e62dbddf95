import Foundation

/// Parsing what follows a key name: the operator, the syntax the line is written in, and the value.
extension AssignmentScan {
    enum Operator { case equals, colon, walrus, arrow, space }

    /// Line prefixes (lowercased) after which a key starts a line-oriented assignment (env, INI,
    /// YAML, Dockerfile); the shell ones make it a `.shellExport`.
    private static let shellPrefixes: Set<[UInt8]> = Set(["export", "set", "setx", "env", "arg", "readonly", "local", "declare", "declare -x", "typeset"].map(ByteText.bytes))
    private static let lineOrientedPrefixes: Set<[UInt8]> = shellPrefixes.union([[], [UInt8(ascii: "-")]])

    /// The candidate for the key at `key`, and where to resume scanning; nil when no secret is assigned.
    func assignment(for key: KeySpan) -> (GenericCandidate, Int)? {
        let opened: UInt8? = key.dashes == 0 && key.start > 0 && Self.isQuote(b[key.start - 1]) ? b[key.start - 1] : nil
        var p = key.end
        var keyClosed = false
        if let q = opened, p < n, b[p] == q {
            p += 1
            keyClosed = true
            if p < n, b[p] == UInt8(ascii: "]") { p += 1 }
        }
        let outerStart = key.start - key.dashes - (opened == nil ? 0 : 1)
        if opened == nil, key.dashes == 0, outerStart > 0, b[outerStart - 1] == UInt8(ascii: "<"), p < n, b[p] == UInt8(ascii: ">") {
            return xmlElement(key: key, contentStart: p + 1)
        }
        let afterKey = p
        p = skipSpaces(p)
        guard let (op, valueStart) = readOperator(at: p, spaced: p > afterKey, key: key, keyClosed: keyClosed, inString: opened != nil && !keyClosed) else {
            if opened == nil, key.dashes == 0, let found = spaceSeparated(key: key, outerStart: outerStart, valueStart: p) { return found }
            if keyClosed || opened == nil { return nameValuePair(key: key, outerStart: outerStart, after: afterKey) }
            return nil
        }
        let v = skipSpaces(valueStart)
        guard !isLineEnd(v) else { return nil }
        guard let kind = kindOfKey(key) else { return nil }
        let keyText = text(key.range)
        if kind == .auth, keyText.lowercased().hasSuffix("authorization"), op != .space {
            return authorization(key: key, keyText: keyText, valueStart: v, delimiter: keyClosed ? nil : opened)
        }
        let place = linePlace(before: outerStart)

        // Key inside a string: `"password=abc"`, `-H "X-Api-Key: abc"`, `'user=a&token=b'`.
        if let q = opened, !keyClosed {
            guard let r = tokenValue(from: v, terminators: String(UnicodeScalar(q)) + "&") else { return nil }
            return make(key, kind, r, op == .equals ? .queryParameter : .httpHeader, quoted: false)
        }
        if key.dashes == 2 {
            return value(key, kind, v, syntax: .commandLineFlag, unquotedTerminators: "")
        }
        if place.previousByte == UInt8(ascii: ":"), op == .equals, key.dashes == 0 {
            // .npmrc: `//registry.example/:_authToken=v`.
            return value(key, kind, v, syntax: .equalsPair, unquotedTerminators: "")
        }
        if let c = place.previousByte, c == UInt8(ascii: "?") || c == UInt8(ascii: "&"), op == .equals, key.dashes == 0 {
            // A badge's token is in every copy of the page that shows it: public by design.
            if isInImageURL(outerStart) { return nil }
            return value(key, kind, v, syntax: .queryParameter, unquotedTerminators: "&#\"'<>")
        }
        if keyClosed {
            return value(key, kind, v, syntax: .quotedKeyPair, unquotedTerminators: ",;})]")
        }
        if op == .equals, place.insideTag, Self.isQuote(b[v]) {
            return value(key, kind, v, syntax: .xmlAttribute, unquotedTerminators: nil)
        }
        if let prefix = place.prefix, Self.lineOrientedPrefixes.contains(prefix), key.dashes == 0 {
            let syntax: GenericCandidate.Syntax
            switch op {
            case .colon:
                let headerLike = prefix.isEmpty && keyText.contains("-") && !keyText.contains("_") && !keyText.contains(".")
                syntax = headerLike ? .httpHeader : .colonPair
            case .walrus, .arrow: syntax = .codeAssignment
            case .equals, .space: syntax = Self.shellPrefixes.contains(prefix) ? .shellExport : .equalsPair
            }
            if op == .colon, "|>&*{[!".utf8.contains(b[v]) { return nil }  // YAML block, anchor, alias, flow, tag
            // Shell style `KEY=value cmd` ends at a space; INI/TOML `key = some value` runs to the line end.
            let shellStyle = op == .equals && v == valueStart && p == afterKey
            let terminators: String? = syntax == .codeAssignment ? nil : (shellStyle ? ";&|`" : "")
            return value(key, kind, v, syntax: syntax, unquotedTerminators: terminators)
        }
        if place.previousTokenIsFlag, op == .equals {
            // `docker run -e PASSWORD=v`, `helm --set db.password=v`.
            return value(key, kind, v, syntax: .commandLineFlag, unquotedTerminators: "")
        }
        let syntax: GenericCandidate.Syntax
        switch (op, place.previousByte) {
        case (.equals, UInt8(ascii: "(")?), (.equals, UInt8(ascii: ",")?): syntax = .keywordArgument
        case (.colon, UInt8(ascii: "{")?), (.colon, UInt8(ascii: ",")?): syntax = .objectLiteral
        default: syntax = .codeAssignment
        }
        // In code an unquoted value is a variable or expression, not the secret itself.
        return value(key, kind, v, syntax: syntax, unquotedTerminators: nil)
    }

    /// Reads `=`, `:`, `:=`, `=>`, `?=` (and, after `--flag`, a space); a `: Type =` annotation reads
    /// as `=`. Returns the operator and the index after it.
    private func readOperator(at p: Int, spaced: Bool, key: KeySpan, keyClosed: Bool, inString: Bool) -> (Operator, Int)? {
        guard p < n else { return nil }
        let next: UInt8? = p + 1 < n ? b[p + 1] : nil
        switch b[p] {
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: "=") { return (.walrus, p + 2) }
            if next == UInt8(ascii: ":") || next == UInt8(ascii: "/") { return nil }
            if !keyClosed, !inString, let annotated = typeAnnotation(after: p + 1) { return (.equals, annotated) }
            // YAML and headers need a space after the colon; quoted keys and strings do not.
            guard keyClosed || inString || next == nil || ValueCharacterClasses.isWhitespace(next ?? 0) || Self.isQuote(next ?? 0) else { return nil }
            return (.colon, p + 1)
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") || next == UInt8(ascii: "~") { return nil }
            if next == UInt8(ascii: ">") { return (.arrow, p + 2) }
            return (.equals, p + 1)
        case UInt8(ascii: "?"), UInt8(ascii: "+"):
            return next == UInt8(ascii: "=") && b[p] == UInt8(ascii: "?") ? (.equals, p + 2) : nil
        default:
            return key.dashes == 2 && spaced && !isLineEnd(p) ? (.space, p) : nil
        }
    }

    /// `: String =`, `: string =`, `: Option<String> =`: the index after `=`, or nil.
    private func typeAnnotation(after colon: Int) -> Int? {
        var j = skipSpaces(colon)
        guard j < n, ValueCharacterClasses.isLetter(b[j]) else { return nil }
        let limit = min(n, j + 64)
        while j < limit, ValueCharacterClasses.isAlphanumeric(b[j]) || "_.<>?[]".utf8.contains(b[j]) { j += 1 }
        j = skipSpaces(j)
        guard j + 1 < n, b[j] == UInt8(ascii: "="), b[j + 1] != UInt8(ascii: "=") else { return nil }
        // A value must follow on the line: `password: c2VjcmV0=` is base64 padding, not `: Type =`.
        guard !isLineEnd(skipSpaces(j + 1)) else { return nil }
        return j + 1
    }

    /// A value at `v`: quoted (any syntax), or unquoted up to `unquotedTerminators` (empty string: to
    /// the end of the line; nil: unquoted values are references and yield nothing).
    func value(_ key: KeySpan, _ kind: SecretKeyKind, _ v: Int, syntax: GenericCandidate.Syntax, unquotedTerminators: String?) -> (GenericCandidate, Int)? {
        var start = v
        // Python string prefixes: r"...", b'...'.
        if unquotedTerminators == nil || self.syntax == .code, start + 1 < n, "rbuRBU".utf8.contains(b[start]), Self.isQuote(b[start + 1]) { start += 1 }
        if Self.isQuote(b[start]) {
            guard let (r, end) = quotedValue(at: start), !r.isEmpty else { return nil }
            // In shell a double-quoted `$NAME` expands; single quotes keep it literal.
            if b[start] == UInt8(ascii: "\""), expandsInShell(syntax), hasShellExpansion(r) { return nil }
            return make(key, kind, r, syntax, quoted: true).map { ($0.0, end) }
        }
        guard let terminators = unquotedTerminators else { return nil }
        // A nested object or list is not a value, and consuming it would hide the keys inside.
        if b[v] == UInt8(ascii: "{") || b[v] == UInt8(ascii: "[") { return nil }
        var range: Range<Int>?
        switch syntax {
        case .commandLineFlag:
            range = tokenValue(from: v, terminators: "\"'`;|&)")
            // `--set a.password=v,b.user=u`: a comma followed by another assignment ends the value.
            if let r = range, let comma = listSeparator(in: r) { range = r.lowerBound..<comma }
        default: range = terminators.isEmpty ? lineValue(from: v) : tokenValue(from: v, terminators: terminators)
        }
        guard let r = range else { return nil }
        if expandsInShell(syntax), hasShellExpansion(r) { return nil }
        // In code, an unquoted right-hand side that reads as an expression (`module.params['pw']`,
        // `line[start:pos]`, `passwd or ''`, `!auth.useApiKey`) is not the secret; a bare token
        // (a docstring's example request, `token=45ghiukldjahdnhzdauz&…`) is still judged.
        if self.syntax == .code, isExpression(r) { return nil }
        // An indented `name: value` or `name = value` line may be code rather than YAML or INI; then
        // the value is an expression, not a literal secret.
        if syntax == .colonPair || syntax == .equalsPair || syntax == .quotedKeyPair,
            isCodeExpression(r) || isCodeReceiver(key) || valueNamesItsKey(key, r) {
            return nil
        }
        return make(key, kind, r, syntax, quoted: false)
    }

    /// Code an unquoted value in a code file is made of: brackets, quotes, operators and spaces,
    /// a leading `!` `*` `&`, or member access (`self._connection`, `module.params`: an
    /// identifier with a `.` between a name character and a letter).
    func isExpression(_ r: Range<Int>) -> Bool {
        if "!*&".utf8.contains(b[r.lowerBound]) { return true }
        if b[r].contains(where: { "()[]{}<>+,;=\"' ".utf8.contains($0) }) { return true }
        func isNameByte(_ c: UInt8) -> Bool { ValueCharacterClasses.isAlphanumeric(c) || c == UInt8(ascii: "_") }
        let first = b[r.lowerBound]
        guard ValueCharacterClasses.isLetter(first) || first == UInt8(ascii: "_"),
              b[r].allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: ".") }) else { return false }
        return (r.lowerBound + 1..<max(r.lowerBound + 1, r.upperBound - 1)).contains { i in
            b[i] == UInt8(ascii: ".") && isNameByte(b[i - 1]) && (ValueCharacterClasses.isLetter(b[i + 1]) || b[i + 1] == UInt8(ascii: "_"))
        }
    }

    /// Whether `$NAME` in a value of this syntax is expanded before use: in shell files, `export`
    /// lines and command-line flags anywhere (a README's `helm install --set pw=$PW`).
    func expandsInShell(_ syntax: GenericCandidate.Syntax) -> Bool {
        self.syntax == .shell || syntax == .shellExport || syntax == .commandLineFlag
    }

    /// `$NAME`, `${…}` or `$(…)` anywhere in `r`: the value is made when the line runs. A
    /// lower-case `$name` counts where it runs to the value's end (`pass-$suffix`) or starts it
    /// before a separator (`$host:5432`), not inside a value (`pa$word!`).
    func hasShellExpansion(_ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i + 1 < r.upperBound {
            defer { i += 1 }
            guard b[i] == UInt8(ascii: "$"), i == r.lowerBound || b[i - 1] != UInt8(ascii: "\\") else { continue }
            let next = b[i + 1]
            if next == UInt8(ascii: "{") || next == UInt8(ascii: "(") || next == UInt8(ascii: "_") || ValueCharacterClasses.isUpper(next) {
                return true
            }
            guard ValueCharacterClasses.isLower(next) else { continue }
            var end = i + 1
            while end < r.upperBound, ValueCharacterClasses.isAlphanumeric(b[end]) || b[end] == UInt8(ascii: "_") { end += 1 }
            if end == r.upperBound || (i == r.lowerBound && "/:@.-\"'".utf8.contains(b[end])) { return true }
        }
        return false
    }

    /// The first `,` in `r` that a `key=` follows: where a `--set` list moves to its next entry.
    func listSeparator(in r: Range<Int>) -> Int? {
        var i = r.lowerBound + 1
        while i < r.upperBound {
            if b[i] == UInt8(ascii: ","), b[i - 1] != UInt8(ascii: "\\") {
                var j = i + 1
                while j < r.upperBound, ValueCharacterClasses.isAlphanumeric(b[j]) || "_.-[]".utf8.contains(b[j]) { j += 1 }
                if j > i + 1, j < r.upperBound, b[j] == UInt8(ascii: "=") { return i }
            }
            i += 1
        }
        return nil
    }

    /// What configuration values do not look like and code does: a trailing `,` `;` or `(`
    /// (`startToken: startToken,`, `pass = (char *)buf;`, `password: Flow(`), a Swift implicit
    /// member (`.deadEnd`), or a call (`readLine() ?? ""`, `env("X")`, `Pointer<T>(x)`).
    func isCodeExpression(_ r: Range<Int>) -> Bool {
        let last = b[r.upperBound - 1]
        if last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: "(") { return true }
        if b[r.lowerBound] == UInt8(ascii: "."), r.count > 1, ValueCharacterClasses.isLetter(b[r.lowerBound + 1]) { return true }
        var i = r.lowerBound + 1
        while i < r.upperBound {
            // `name(` followed somewhere by `)`: a call.
            let before = b[i - 1]
            if b[i] == UInt8(ascii: "("),
                ValueCharacterClasses.isLetter(before) || before == UInt8(ascii: "_") || before == UInt8(ascii: ">") {
                return b[(i + 1)..<r.upperBound].contains(UInt8(ascii: ")"))
            }
            i += 1
        }
        return false
    }

    /// An identifier that names what the key holds rather than holding it: `privateKey:
    /// NIOSSLPrivateKeySource` (a type), `password: passwordFlow`, `key: newPair.x509Key`.
    func valueNamesItsKey(_ key: KeySpan, _ r: Range<Int>) -> Bool {
        guard b[r].allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }),
            let head = WordShape.lowercasedWords(text(key.range)).last, head.count >= 3
        else { return false }
        return WordShape.lowercasedWords(text(r)).contains(head)
    }

    /// Whether the query parameter at `keyStart` belongs to the URL of an image: a badge path, an
    /// image file, `<img src="…">` or Markdown `![…](…)`.
    func isInImageURL(_ keyStart: Int) -> Bool {
        var start = keyStart
        let limit = max(0, keyStart - 512)
        while start > limit, !ValueCharacterClasses.isWhitespace(b[start - 1]), !Self.isQuote(b[start - 1]),
            b[start - 1] != UInt8(ascii: "(") {
            start -= 1
        }
        let url = ByteText.lowercased(Array(UnsafeRawBufferPointer(rebasing: b[start..<keyStart])))
        let path = url.split(separator: UInt8(ascii: "?"), maxSplits: 1).first.map(Array.init) ?? url
        if ByteText.contains(path, Self.badgeWord) || Self.imageExtensions.contains(where: { path.suffix($0.count).elementsEqual($0) }) {
            return true
        }
        var lineStart = start
        while lineStart > max(0, start - 512), b[lineStart - 1] != 0x0A { lineStart -= 1 }
        let before = ByteText.lowercased(Array(UnsafeRawBufferPointer(rebasing: b[lineStart..<start])))
        return (ByteText.contains(before, Self.imageTag) && before.suffix(5).elementsEqual(Self.sourceAttribute.suffix(5)))
            || (ByteText.contains(before, Self.markdownImage) && before.suffix(2).elementsEqual(Self.markdownLinkOpen))
    }

    private static let badgeWord = ByteText.bytes("badge"), imageTag = ByteText.bytes("<img")
    private static let sourceAttribute = ByteText.bytes("src=\""), markdownImage = ByteText.bytes("![")
    private static let markdownLinkOpen = ByteText.bytes("](")
    private static let imageExtensions = [".svg", ".png", ".gif", ".jpg", ".jpeg", ".webp"].map(ByteText.bytes)

    /// `self.x`, `this.x`: a member assignment in code.
    func isCodeReceiver(_ key: KeySpan) -> Bool {
        let lower = ByteText.lowercased(Array(UnsafeRawBufferPointer(rebasing: b[key.start..<min(key.end, key.start + 5)])))
        return ByteText.hasPrefix(lower, Self.selfDot) || ByteText.hasPrefix(lower, Self.thisDot)
    }

    private static let selfDot = ByteText.bytes("self."), thisDot = ByteText.bytes("this.")

    func make(_ key: KeySpan, _ kind: SecretKeyKind, _ r: Range<Int>, _ syntax: GenericCandidate.Syntax, quoted: Bool) -> (GenericCandidate, Int)? {
        guard !r.isEmpty else { return nil }
        let keyText = text((key.start - key.dashes)..<key.end)
        let candidate = GenericCandidate(
            key: keyText, kind: kind, value: text(r), keyRange: (key.start - key.dashes)..<key.end, valueRange: r,
            syntax: syntax, quoted: quoted)
        if kind == .auth, let decoded = basicCredentials(r) {
            // Docker `auth` and similar: base64 `user:password`; the password is the secret.
            var basic = candidate
            basic.value = decoded
            basic.syntax = .basicAuthorization
            return (basic, r.upperBound)
        }
        return (candidate, r.upperBound + (quoted ? 1 : 0))
    }

    /// What the line holds before a key: the trimmed prefix when the line starts within a few bytes,
    /// the last non-space byte, whether an XML tag is open, and whether the previous word is a flag.
    struct LinePlace {
        /// Lowercased, trimmed text between the line start and the key, when the line starts close by.
        var prefix: [UInt8]?
        var previousByte: UInt8?
        var insideTag = false
        var previousTokenIsFlag = false
    }

    func linePlace(before start: Int) -> LinePlace {
        var place = LinePlace()
        var j = start
        let prefixLimit = max(0, start - 24)
        while j > prefixLimit, b[j - 1] != 0x0A { j -= 1 }
        if j == 0 || b[j - 1] == 0x0A {
            place.prefix = ByteText.lowercased(ByteText.trimmingSpaces(Array(UnsafeRawBufferPointer(rebasing: b[j..<start]))[...]))
        }
        var k = start
        let spaceLimit = max(0, start - 64)
        while k > spaceLimit, ValueCharacterClasses.isSpace(b[k - 1]) { k -= 1 }
        if k > 0, b[k - 1] != 0x0A { place.previousByte = b[k - 1] }
        if k < start {
            // The word before the spaces: `-e`, `--env`, `--set`, `--build-arg`.
            var w = k
            while w > max(0, k - 32), !ValueCharacterClasses.isWhitespace(b[w - 1]) { w -= 1 }
            place.previousTokenIsFlag = w < k && b[w] == UInt8(ascii: "-")
        }
        var t = start
        let tagLimit = max(0, start - 256)
        while t > tagLimit, b[t - 1] != 0x0A {
            t -= 1
            if b[t] == UInt8(ascii: ">") { break }
            if b[t] == UInt8(ascii: "<") { place.insideTag = true; break }
        }
        return place
    }
}
