/// What kind of secret a key name says its value holds.
package enum SecretKeyKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `password`, `passwd`, `pwd`, `pass`, `passphrase`: may hold a human-chosen password.
    case password
    case secret
    case token
    case apiKey
    case accessKey
    case privateKey
    /// Other qualified keys: signing, encryption, master, session, account keys.
    case key
    case credential
    /// `auth`, `authorization`: often `scheme credentials` or base64 `user:pass`.
    case auth
}

/// Classifies assignment key names (`DB_PASSWORD`, `apiKey`, `x-api-key`, `spring.datasource.password`)
/// by their words, so `tokenizer`, `passthrough`, `author`, `secretary`, `password_hint`, `token_type`,
/// `auth_url`, `password_length` and `max_tokens` are not taken for secrets.
///
/// The head word decides, as in English compounds: the last word after dropping modifiers such as
/// `value`, `base`, digits and environment names. `password_hint` is a hint; `db_password` is a
/// password; `secret_key_base` is a secret key. A word before the head can cancel it
/// (`csrf_token`, `max_tokens`, `hashed_password`, `pad_token`).
package enum SecretKeyName {
    /// The kind of secret `key` names, or nil when it names something else.
    package static func classify(_ key: some StringProtocol) -> SecretKeyKind? {
        guard !key.isEmpty, key.utf8.count <= 96 else { return nil }
        var words = WordShape.lowercasedWords(key)
        while let last = words.last, trailingModifiers.contains(last) || last.allSatisfy(\.isNumber) {
            words.removeLast()
        }
        guard let head = words.last else { return nil }
        let previous = words.count >= 2 ? words[words.count - 2] : nil
        if let previous, cancellingQualifiers.contains(previous) { return nil }
        if head == "key" {
            guard let previous else { return nil }
            return keyQualifiers[previous]
        }
        if head == "auth" || head == "authorization" {
            // `auth` alone or after a scheme (`basic_auth`); `oauth` is its own word and not a value.
            return previous == nil || authQualifiers.contains(previous ?? "") ? .auth : nil
        }
        if let kind = headWords[head] { return kind }
        if head.count > 6, !compoundDenyList.contains(head),
            let (suffix, kind) = compoundSuffixes.first(where: { head.hasSuffix($0.0) }) {
            // Run-together names: `PGPASSWORD`, `githubtoken`, `appsecret`.
            let stem = head.dropLast(suffix.count)
            return cancellingQualifiers.contains(String(stem)) ? nil : kind
        }
        return nil
    }

    /// Whether `key` names a password a person may have chosen (so weak-looking values still count).
    package static func isPasswordLike(_ key: some StringProtocol) -> Bool {
        classify(key) == .password
    }

    private static let headWords: [String: SecretKeyKind] = [
        "password": .password, "passwd": .password, "pwd": .password, "pass": .password, "passphrase": .password,
        "passcode": .password, "pword": .password, "secret": .secret, "token": .token, "apikey": .apiKey,
        "credential": .credential, "credentials": .credential, "creds": .credential, "cred": .credential,
        "authtoken": .token, "accesstoken": .token, "bearer": .token, "secretkey": .secret,
        "privatekey": .privateKey, "accesskey": .accessKey, "clientsecret": .secret, "apisecret": .secret,
        "apitoken": .token,
    ]

    /// Words before `key` that make it a credential. `public`, `primary`, `foreign`, `sort`, `cache`
    /// keys are deliberately absent.
    private static let keyQualifiers: [String: SecretKeyKind] = [
        "api": .apiKey, "access": .accessKey, "secret": .secret, "private": .privateKey, "signing": .key,
        "sign": .key, "signature": .key, "encryption": .key, "encrypt": .key, "crypt": .key, "crypto": .key,
        "master": .key, "session": .key, "app": .apiKey, "application": .apiKey, "account": .key,
        "shared": .key, "service": .key, "hmac": .key, "license": .key, "licence": .key, "consumer": .key,
        "subscription": .apiKey, "storage": .key, "root": .key, "admin": .key, "aes": .key, "jwt": .key,
        "webhook": .key, "client": .key, "auth": .key, "cipher": .key, "decryption": .key, "server": .key,
        "write": .apiKey, "read": .apiKey, "ingest": .apiKey, "deploy": .key, "mac": .key,
    ]

    private static let authQualifiers: Set<String> = ["basic", "http", "proxy", "bearer", "api", "registry", "docker", "npm"]

    /// Words after the head that keep its meaning: `token_value`, `secret_key_base`, `PASSWORD_PROD`.
    private static let trailingModifiers: Set<String> = [
        "value", "val", "base", "b64", "base64", "str", "string", "raw", "plain", "plaintext", "prod",
        "production", "dev", "development", "staging", "stage", "test", "qa", "local", "live", "old", "new",
        "current", "primary", "secondary", "v",
    ]

    /// Words before the head that make it something other than a credential value.
    private static let cancellingQualifiers: Set<String> = [
        "csrf", "xsrf", "next", "page", "sync", "cancellation", "continuation", "max", "min", "num", "number",
        "count", "total", "lexer", "parser", "parse", "eof", "prompt", "completion", "input", "output",
        "special", "bos", "eos", "pad", "unk", "mask", "sep", "cls", "hashed", "hash", "forgot", "show",
        "hide", "toggle", "is", "has", "no", "use", "enable", "enabled", "require", "requires", "validate",
        "check", "foreign", "sort", "partition", "cache", "map", "lookup", "hotkey",
        "encrypted",
    ]

    private static let compoundSuffixes: [(String, SecretKeyKind)] = [
        ("password", .password), ("passwd", .password), ("passphrase", .password), ("secretkey", .secret),
        ("privatekey", .privateKey), ("accesskey", .accessKey), ("apikey", .apiKey), ("secret", .secret),
        ("token", .token), ("accountkey", .key), ("storagekey", .key), ("signingkey", .key), ("masterkey", .key),
        ("encryptionkey", .key), ("sharedkey", .key), ("hmackey", .key),
    ]

    private static let compoundDenyList: Set<String> = [
        "csrftoken", "xsrftoken", "nexttoken", "pagetoken", "synctoken", "cancellationtoken",
        "continuationtoken", "resumetoken", "requesttoken", "idempotencytoken", "clienttoken", "lexertoken",
        "notasecret", "topsecret",
    ]
}
