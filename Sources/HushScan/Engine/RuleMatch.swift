/// The outcome of an offline validator on a secret.
public enum Validation: String, Sendable, Hashable, Codable {
    /// A checksum or structural check passed.
    case valid
    /// A check failed; such matches are dropped before they become findings.
    case invalid
    /// The rule has no validator.
    case none
}

/// One confirmed match of one rule inside one buffer, before it becomes a `Finding`.
package struct RuleMatch: Sendable, Hashable {
    /// Index of the rule in the `RuleSet` the engine was built from.
    package var ruleIndex: Int
    /// Byte offsets of the whole match in the scanned buffer.
    package var matchRange: Range<Int>
    /// Byte offsets of the secret in the scanned buffer.
    package var secretRange: Range<Int>
    package var secret: String
    /// Shannon entropy of the secret, bits per character.
    package var entropy: Double
    package var validation: Validation
    /// The confidence this match earned, when its detector judges each match (nil: the rule's).
    package var confidence: Rule.Confidence?
    /// Encodings undone to get `secret` from the bytes at `secretRange` (`[.base64]` for a
    /// Kubernetes Secret value), outermost first; empty when the secret is there as written.
    package var transforms: [Transform]
    /// Where in a structured document the match sits, when an analyzer made it.
    package var documentPath: String?

    package init(
        ruleIndex: Int, matchRange: Range<Int>, secretRange: Range<Int>, secret: String,
        entropy: Double, validation: Validation, confidence: Rule.Confidence? = nil, transforms: [Transform] = []
    ) {
        self.confidence = confidence
        self.transforms = transforms
        self.ruleIndex = ruleIndex
        self.matchRange = matchRange
        self.secretRange = secretRange
        self.secret = secret
        self.entropy = entropy
        self.validation = validation
    }
}
