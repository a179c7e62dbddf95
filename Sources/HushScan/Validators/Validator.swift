/// What an offline validator is shown of a confirmed match.
package struct ValidationInput: Sendable {
    /// The captured secret.
    package var secret: Substring
    /// The whole match (it may carry context the secret lacks, such as a PEM header).
    package var match: Substring

    package init(secret: Substring, match: Substring) {
        self.secret = secret
        self.match = match
    }
}

/// An offline check of a secret's structure or checksum, named by a rule's `validate` field.
package struct Validator: Sendable {
    /// The name rules use in `validate:`.
    package var name: String
    /// `.valid` or `.invalid`; `.none` when the secret is of a kind the validator cannot judge.
    package var check: @Sendable (ValidationInput) -> Validation
    /// Whether `.valid` proves the capture is a real token (a checksum, or a structure that decodes
    /// completely) rather than only that its layout is plausible. Only a conclusive pass outweighs
    /// a placeholder word (`AKIA…EXAMPLE` has a perfectly plausible layout).
    package var isConclusive: Bool

    package init(name: String, isConclusive: Bool = false, check: @escaping @Sendable (ValidationInput) -> Validation) {
        self.name = name
        self.isConclusive = isConclusive
        self.check = check
    }

    /// Every validator a rule may name. Add new ones here (one file each).
    package static let registry: [String: Validator] = {
        let all: [Validator] = [
            TokenChecksum.github.validator(name: "github-crc32"),
            TokenChecksum.npm.validator(name: "npm-crc32"),
            Validator(name: "jwt", isConclusive: true, check: JSONWebToken.validate),
            Validator(name: "private-key", isConclusive: true, check: PrivateKeyPEM.validate),
        ] + TokenStructureValidators.byName.map { name, validate in
            Validator(name: name, isConclusive: TokenStructureValidators.conclusive.contains(name)) { validate(String($0.secret)) }
        }
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()
}
