/// What an offline validator is shown of a confirmed match.
public struct ValidationInput: Sendable {
    /// The captured secret.
    public var secret: Substring
    /// The whole match (it may carry context the secret lacks, such as a PEM header).
    public var match: Substring

    public init(secret: Substring, match: Substring) {
        self.secret = secret
        self.match = match
    }
}

/// An offline check of a secret's structure or checksum, named by a rule's `validate` field.
public struct Validator: Sendable {
    /// The name rules use in `validate:`.
    public var name: String
    /// `.valid` or `.invalid`; `.none` when the secret is of a kind the validator cannot judge.
    public var check: @Sendable (ValidationInput) -> Validation

    public init(name: String, check: @escaping @Sendable (ValidationInput) -> Validation) {
        self.name = name
        self.check = check
    }

    /// Every validator a rule may name. Add new ones here (one file each).
    public static let registry: [String: Validator] = {
        let all: [Validator] = [
            TokenChecksum.github.validator(name: "github-crc32"),
            TokenChecksum.npm.validator(name: "npm-crc32"),
            Validator(name: "jwt", check: JSONWebToken.validate),
            Validator(name: "private-key", check: PrivateKeyPEM.validate),
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()
}
