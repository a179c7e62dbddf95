/// Text shapes: configuration values and indirections that are not credentials.
extension KnownNonSecretShape {
    static func textShape(_ v: [UInt8], context: ShapeContext) -> NonSecretShape? {
        if isReference(v) { return .reference }
        if namesSecretObject(v, key: context.key) { return .reference }
        if isPattern(v) { return .codeStatement }
        if isFunctionCall(v) { return .functionCall }
        if isCodeStatement(v) { return .codeStatement }
        if isBoolean(v) { return .boolean }
        if isNumber(v, underSecretKey: context.saysSecret) { return .number }
        if isDateTime(v) { return .dateTime }
        if isVersion(v) { return .version }
        if let url = urlShape(v) { return url }
        if isEmailAddress(v) { return .emailAddress }
        if isFilePath(v) { return .filePath }
        // Under a password key, `Galaxy-Rider-77` is a person's password, not a name: identifiers with
        // digits do not count there.
        if WordShape.isIdentifier(v), !(context.saysPassword && v.contains(where: ValueCharacterClasses.isDigit)) {
            return .identifier
        }
        return nil
    }

    /// Key words that, before `secret`, say the key holds the *name* of a Kubernetes Secret object
    /// (`tlsSecret`, `existingSecret`, `certSecret`), and the words after it that say so (`secretName`).
    private static let secretObjectQualifiers: Set<String> = ["tls", "existing", "ref", "cert", "certificate", "ssl", "k8s", "kube", "kubernetes"]
    private static let secretObjectSuffixes: Set<String> = ["name", "ref", "object"]

    /// The name of a Kubernetes Secret object under a key that asks for one (`tlsSecret:
    /// phpmyadmin.local-tls`, `existingSecret: db-credentials`): a DNS-1123 subdomain (lower-case
    /// letters, digits, `-`, `.`) with a `-` or `.` in it. A secret's value under such a key would be
    /// PEM, base64 or random text, never a hostname-shaped name.
    static func namesSecretObject(_ v: [UInt8], key: String?) -> Bool {
        guard let key else { return false }
        let words = WordShape.lowercasedWords(key)
        guard let at = words.lastIndex(of: "secret") else { return false }
        let qualified = (at > 0 && secretObjectQualifiers.contains(words[at - 1]))
            || (at + 1 < words.count && secretObjectSuffixes.contains(words[at + 1]))
        guard qualified, (3...253).contains(v.count), v.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        let lowerOrDigit: (UInt8) -> Bool = { ValueCharacterClasses.isLower($0) || ValueCharacterClasses.isDigit($0) }
        guard let first = v.first, let last = v.last, lowerOrDigit(first), lowerOrDigit(last) else { return false }
        return v.allSatisfy { lowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// A regular expression or format pattern (`[^\\W\\d]\\w*`, `(?:[%s]+|%s)`): two or more of the
    /// pieces patterns are made of and generated secrets are not.
    static func isPattern(_ v: [UInt8]) -> Bool {
        var pieces = 0
        for piece in patternPieces where ByteText.contains(v, piece) {
            pieces += 1
            if pieces >= 2 { return true }
        }
        return false
    }

    private static let patternPieces = ["\\w", "\\d", "\\s", "\\W", "\\S", "\\D", "\\b", "(?:", "(?i)", "[^", "]+", "]*", "%s", ".*", ".+?"]
        .map(ByteText.bytes)

    // MARK: References to a secret kept elsewhere

    /// `${X}`, `${X:-d}`, `$X`, `$(cmd)`, `{{ x }}`, `${{ secrets.X }}`, `#{x}`, `%(x)s`, `\(x)`, `%X%`, `<x>`,
    /// `@x@`, `process.env.X`, `os.environ[...]`, `ENV['X']`, secret-manager URIs and ARNs.
    static func isReference(_ raw: [UInt8]) -> Bool {
        // `\"$NAME\"`: a reference inside escaped quotes (a shell line in a YAML string).
        var v = raw
        while v.count >= 4, v[0] == UInt8(ascii: "\\"), isQuote(v[1]), v[v.count - 2] == UInt8(ascii: "\\"), isQuote(v[v.count - 1]) {
            v = Array(v[2..<(v.count - 2)])
        }
        if v.count >= 2, v[0] == UInt8(ascii: "\\"), isQuote(v[1]) { v.removeFirst(2) }
        guard !v.isEmpty else { return false }
        let first = v[0]
        let last = v[v.count - 1]
        func has(_ needle: [UInt8]) -> Bool { ByteText.contains(v, needle) }
        // A capture that stopped inside a substitution or template (at a space or a nested quote:
        // `$(kubectl get secret …`, `{{ index .Values "x" }}`) is still one, and a value built
        // around a substitution (`pass-$(date)`, `prefix${X`) is made at run time.
        if has(dollarParen) || has(dollarBrace) || first == UInt8(ascii: "`") { return true }
        if has(doubleBrace) || hasPrefix(v, "#{") || hasPrefix(v, "$$") || hasPrefix(v, "@{") || hasPrefix(v, "@(") { return true }
        // PowerShell `$env:NAME`.
        if v.count > 5, hasPrefixIgnoringCase(v, "$env:") { return true }
        // Format fields: `{OS_PASSWORD}`, `{password!r}`, `{result.scenario}{notes}`, `{0}`.
        if first == UInt8(ascii: "{"), last == UInt8(ascii: "}"), v.count >= 3,
            v.allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || "_.!:[]{}'\"-".utf8.contains($0) }),
            v.contains(where: ValueCharacterClasses.isLetter) || v.dropFirst().dropLast().allSatisfy(ValueCharacterClasses.isDigit) {
            return true
        }
        // A placeholder cut at a space or comma: `<vCenter IP>`, `<your token>`.
        if v.count >= 3, first == UInt8(ascii: "<"), ValueCharacterClasses.isLetter(v[1]),
            v.dropFirst().allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || "_-.>".utf8.contains($0) }) {
            return true
        }
        // `@PASSWORD`, `@VMWARE_PASSWORD`: a template variable a build substitutes.
        if v.count >= 4, first == UInt8(ascii: "@"), v.dropFirst().allSatisfy({ ValueCharacterClasses.isUpper($0) || ValueCharacterClasses.isDigit($0) || $0 == UInt8(ascii: "_") }) {
            return true
        }
        if has(doubleBrace) && has(doubleClose) { return true }
        if has(hashBrace) && last == UInt8(ascii: "}") { return true }
        if has(percentParen) && has(parenS) { return true }
        // Swift string interpolation: `"Password\(random())"` is built at run time.
        if has(backslashParen) { return true }
        if v.count >= 3, first == UInt8(ascii: "<"), last == UInt8(ascii: ">") { return true }
        if hasPrefix(v, "$("), last == UInt8(ascii: ")") { return true }
        if v.count >= 2, first == UInt8(ascii: "$"), isVariableName(v.dropFirst()) { return true }
        if v.count >= 3, first == UInt8(ascii: "%"), last == UInt8(ascii: "%"), isVariableName(v.dropFirst().dropLast()) { return true }
        if v.count >= 3, first == UInt8(ascii: "@"), last == UInt8(ascii: "@"), isVariableName(v.dropFirst().dropLast().filter { $0 != UInt8(ascii: ".") }) {
            return true
        }
        let lower = ByteText.lowercased(v.prefix(48))
        return referencePrefixes.contains { ByteText.hasPrefix(lower, $0) }
    }

    private static func isQuote(_ c: UInt8) -> Bool { c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") }

    private static let dollarParen = ByteText.bytes("$(")
    private static let dollarBrace = ByteText.bytes("${"), doubleBrace = ByteText.bytes("{{"), doubleClose = ByteText.bytes("}}")
    private static let hashBrace = ByteText.bytes("#{"), percentParen = ByteText.bytes("%("), parenS = ByteText.bytes(")s")
    private static let backslashParen = ByteText.bytes("\\(")

    /// Environment accessors and secret-manager URIs, lowercased.
    private static let referencePrefixes: [[UInt8]] = [
        "process.env.", "process.env[", "os.environ", "env[", "env.fetch", "system.getenv",
        "environment.getenvironmentvariable", "import.meta.env.", "secrets.", "vars.", "settings.",
        "config.", "configuration[", "op://", "vault://", "ref+", "secretsmanager:", "ssm:",
        "gcp:secretmanager:", "sm://", "awskms:", "azurekeyvault:", "arn:aws:", "arn:aws-", "!ref", "!sub",
        "!getatt", "!import", "@microsoft.keyvault(",
    ].map(ByteText.bytes)

    private static func isVariableName(_ v: some Collection<UInt8>) -> Bool {
        guard let first = v.first, ValueCharacterClasses.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return v.allSatisfy { ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// `getenv("X")`, `os.Getenv(...)`, `config.get(...)`, `readPassword()`: a call whose result is the
    /// secret at run time.
    /// Ends with `;` and holds what code has and secrets do not: a space, parentheses, `->`.
    /// A lone trailing `;` on a token (`p4ss;`) is not enough.
    static func isCodeStatement(_ v: [UInt8]) -> Bool {
        guard v.count >= 3, v.last == UInt8(ascii: ";") else { return false }
        let body = v.dropLast()
        return body.contains(UInt8(ascii: " ")) || body.contains(UInt8(ascii: "(")) || ByteText.contains(Array(body), arrow)
    }

    private static let arrow = ByteText.bytes("->")

    static func isFunctionCall(_ v: [UInt8]) -> Bool {
        guard v.count >= 3, let open = v.firstIndex(of: UInt8(ascii: "(")), open > 0 else { return false }
        // A call whose capture stopped at the quote of its first argument: `getenv('SMTP_PASSWORD'`,
        // `self._connection.get_option('remote_password'`.
        let cutAtArgument = open + 1 < v.count && isQuote(v[open + 1]) && isQuote(v[v.count - 1]) && v.count - open <= 80
        guard v.last == UInt8(ascii: ")") || cutAtArgument else { return false }
        let callee = v[..<open]
        guard let first = callee.first, ValueCharacterClasses.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return callee.allSatisfy {
            ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: ":")
        }
    }

    // MARK: Plain configuration values

    private static let booleans: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "enabled", "disabled", "enable", "disable"]

    static func isBoolean(_ v: [UInt8]) -> Bool {
        v.count <= 8 && booleans.contains(String(decoding: v.map(ValueCharacterClasses.lowercased), as: UTF8.self))
    }

    private static let units: Set<String> = ["ms", "s", "m", "h", "d", "w", "k", "kb", "mb", "gb", "tb", "ki", "mi", "gi", "ti", "px", "em", "rem", "%"]

    /// Integers, decimals, hex literals and quantities with a unit (`30s`, `512Mi`). Long digit runs
    /// under a credential key are left for judgement: numeric tokens exist.
    static func isNumber(_ v: [UInt8], underSecretKey: Bool) -> Bool {
        var body = v[...]
        if let f = body.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { body = body.dropFirst() }
        if body.count > 2, hasPrefix(body, "0x") {
            let hex = body.dropFirst(2)
            return hex.count <= 16 && hex.allSatisfy(ValueCharacterClasses.isHexDigit)
        }
        let digitsEnd = body.firstIndex { !(ValueCharacterClasses.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")) } ?? body.endIndex
        let numeric = body[..<digitsEnd]
        guard let f = numeric.first, ValueCharacterClasses.isDigit(f),
            numeric.filter({ $0 == UInt8(ascii: ".") }).count <= 1
        else { return false }
        let unit = String(decoding: body[digitsEnd...].map(ValueCharacterClasses.lowercased), as: UTF8.self)
        guard unit.isEmpty || units.contains(unit) else { return false }
        return !(underSecretKey && numeric.count >= 16)
    }

    /// `2024-01-15`, `2024-01-15T10:20:30Z`, `2024-01-15 10:20:30+02:00`.
    static func isDateTime(_ v: [UInt8]) -> Bool {
        guard v.count >= 10, v.count <= 35 else { return false }
        let d = ValueCharacterClasses.isDigit
        let dash = UInt8(ascii: "-")
        guard d(v[0]), d(v[1]), d(v[2]), d(v[3]), v[4] == dash, d(v[5]), d(v[6]), v[7] == dash, d(v[8]), d(v[9]) else { return false }
        return v.dropFirst(10).allSatisfy { d($0) || ":.+-TZ ".utf8.contains($0) }
    }

    /// `1.2.3`, `v2.0.0-rc.1+build.5`, `^1.4`, `~> 2.0`, `>=3.1`, IPv4 addresses.
    static func isVersion(_ v: [UInt8]) -> Bool {
        var body = v[...]
        while let f = body.first, "v^~>=<! ".utf8.contains(f) { body = body.dropFirst() }
        let core = body.prefix { ValueCharacterClasses.isDigit($0) || $0 == UInt8(ascii: ".") }
        let components = core.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard components.count >= 2, components.allSatisfy({ !$0.isEmpty && $0.count <= 9 }) else { return false }
        let rest = body.dropFirst(core.count)
        guard let sep = rest.first else { return true }
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "+") else { return false }
        let suffix = rest.dropFirst()
        return !suffix.isEmpty && suffix.count <= 40
            && suffix.allSatisfy { ValueCharacterClasses.isAlphanumeric($0) || ".-+".utf8.contains($0) }
            && WordShape.words(suffix).allSatisfy { ValueCharacterClasses.isDigit($0[0]) || WordShape.isPronounceable($0) }
    }

    /// Query parameters whose value is a credential: a URL carrying one is not waved through.
    private static let secretQueryWords = ["token", "key", "sig", "signature", "secret", "password", "pass", "pwd", "auth", "credential", "code"]

    /// `scheme://host/...` without credentials in the user-info or the query.
    static func urlShape(_ v: [UInt8]) -> NonSecretShape? {
        guard let sep = firstIndex(of: "://", in: v), sep > 0, sep <= 16,
            v[..<sep].allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || "+.-".utf8.contains($0) }),
            !v.contains(where: ValueCharacterClasses.isWhitespace)
        else { return nil }
        let afterScheme = v[(sep + 3)...]
        let authorityEnd = afterScheme.firstIndex { "/?#".utf8.contains($0) } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")), authority[..<at].contains(UInt8(ascii: ":")) { return nil }
        if let q = v.firstIndex(of: UInt8(ascii: "?")) {
            for pair in v[(q + 1)...].split(separator: UInt8(ascii: "&")) {
                let name = pair.prefix { $0 != UInt8(ascii: "=") }
                let words = WordShape.lowercasedWords(String(decoding: name, as: UTF8.self))
                if words.contains(where: { w in secretQueryWords.contains { w.hasSuffix($0) } }) { return nil }
            }
        }
        return .url
    }

    static func isEmailAddress(_ v: [UInt8]) -> Bool {
        guard let at = v.firstIndex(of: UInt8(ascii: "@")), at > 0, v.count <= 254 else { return false }
        let local = v[..<at]
        let domain = v[(at + 1)...]
        guard domain.contains(UInt8(ascii: ".")), domain.last != UInt8(ascii: ".") else { return false }
        let localOK = local.allSatisfy { ValueCharacterClasses.isAlphanumeric($0) || "._%+-".utf8.contains($0) }
        let domainOK = domain.allSatisfy { ValueCharacterClasses.isAlphanumeric($0) || ".-".utf8.contains($0) }
        return localOK && domainOK
    }

    /// Absolute, home-relative, dot-relative and Windows paths, and relative paths whose segments all
    /// read as words (`config/db.yaml`). Base64 text that happens to hold `/` does not qualify: its
    /// segments do not read as words and it may hold `+` or `=`.
    static func isFilePath(_ v: [UInt8]) -> Bool {
        guard !v.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "=") }) else { return false }
        let windows = v.count >= 3 && ValueCharacterClasses.isLetter(v[0]) && v[1] == UInt8(ascii: ":")
            && (v[2] == UInt8(ascii: "\\") || v[2] == UInt8(ascii: "/"))
        let anchored = hasPrefix(v, "/") || hasPrefix(v, "./") || hasPrefix(v, "../") || hasPrefix(v, "~/")
            || hasPrefix(v, "\\\\") || windows
        let separators: [UInt8] = [UInt8(ascii: "/"), UInt8(ascii: "\\")]
        let segments = v.split(whereSeparator: separators.contains).filter { seg in
            let text = String(decoding: seg, as: UTF8.self)
            return !(text == "." || text == ".." || text.hasPrefix("~") || (seg.count == 2 && text.hasSuffix(":")))
        }
        guard anchored || segments.count >= 2 else { return false }
        guard !segments.isEmpty else { return anchored }
        return segments.allSatisfy { seg in
            let name = seg.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "@") }
            return name.isEmpty || WordShape.isWordy(name)
        }
    }
}
