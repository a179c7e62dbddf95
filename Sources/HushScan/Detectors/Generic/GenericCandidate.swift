/// One assignment whose key names a secret, found by `GenericAssignmentDetector`.
package struct GenericCandidate: Sendable, Hashable {
    /// The syntax the assignment was written in.
    package enum Syntax: String, Sendable, Hashable, Codable {
        /// `export KEY=v`, Dockerfile `ENV KEY=v` / `ARG KEY=v`, `set KEY=v`.
        case shellExport
        /// `KEY=v`, `key = v` at the start of a line: env files, INI, TOML, `.properties`.
        case equalsPair
        /// `key: v` at the start of a line: YAML, `.properties`, Go struct literals.
        case colonPair
        /// `"key": "v"`, `'key' => 'v'`, `$cfg['key'] = 'v'`: a quoted key.
        case quotedKeyPair
        /// `- name: DB_PASSWORD` followed by `value: v` (Kubernetes env, CI variables).
        case nameValuePair
        /// `<tag password="v">`, `<add key="Password" value="v"/>`.
        case xmlAttribute
        /// `<password>v</password>`.
        case xmlElement
        /// `password = "v"`, `const apiKey = 'v'`, `token := "v"`, `let t: String = "v"`.
        case codeAssignment
        /// `connect(password="v")`.
        case keywordArgument
        /// `{ apiKey: 'v' }`.
        case objectLiteral
        /// `?token=v&...`.
        case queryParameter
        /// `--password v`, `--password=v`, `mysql -pV`, `sshpass -p V`.
        case commandLineFlag
        /// `Authorization: Bearer v`, `Authorization: token v`.
        case authorizationHeader
        /// `Authorization: Basic base64(user:pass)` or a base64 `auth` value: the value is the password.
        case basicAuthorization
        /// `X-Api-Key: v`.
        case httpHeader
        /// No operator: `.netrc` `password v`, Dockerfile `ENV PASSWORD v`, SQL `WITH PASSWORD 'v'`.
        case spaceSeparated
    }

    /// The key as written (`DB_PASSWORD`, `apiKey`, `--password`, `Authorization`).
    package var key: String
    package var kind: SecretKeyKind
    /// The value as written between its quotes (escapes are not undone); for `.basicAuthorization`,
    /// the decoded password.
    package var value: String
    /// Byte offsets of the key in the scanned buffer.
    package var keyRange: Range<Int>
    /// Byte offsets of the value in the scanned buffer (for `.basicAuthorization`, of the base64 text).
    package var valueRange: Range<Int>
    package var syntax: Syntax
    /// Whether the value was quoted.
    package var quoted: Bool

    package init(
        key: String, kind: SecretKeyKind, value: String, keyRange: Range<Int>, valueRange: Range<Int>,
        syntax: Syntax, quoted: Bool
    ) {
        self.key = key
        self.kind = kind
        self.value = value
        self.keyRange = keyRange
        self.valueRange = valueRange
        self.syntax = syntax
        self.quoted = quoted
    }
}
