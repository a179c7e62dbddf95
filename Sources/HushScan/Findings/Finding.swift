/// A secret found by a rule at a place: what every report renders.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var ruleName: String
    public var origin: Origin
    /// Where the secret starts (1-based; columns in Unicode code points, see `TextPosition`).
    public var start: TextPosition
    /// Where the secret ends: the position just after its last character, as in SARIF.
    public var end: TextPosition
    /// The secret as found. Reports redact it unless asked not to.
    public var secret: String
    public var confidence: Rule.Confidence
    /// Shannon entropy of the secret, bits per character.
    public var entropy: Double
    public var validation: Validation
    /// See `Fingerprint`.
    public var fingerprint: String
    /// The line the secret starts on, cut around it.
    public var snippet: Snippet
    /// For a credential found with its other half (an AWS key id and its secret): both halves,
    /// identifying half first. Empty otherwise; `secret` and the position are the secret half's.
    public var parts: [FindingPart]
    /// Facts read offline from the secret and its parts (`FindingDetails`), by JSON key.
    public var details: [String: FindingDetail]

    public init(
        ruleID: String, ruleName: String, origin: Origin, start: TextPosition, end: TextPosition,
        secret: String, confidence: Rule.Confidence, entropy: Double, validation: Validation,
        fingerprint: String, snippet: Snippet, parts: [FindingPart] = [], details: [String: FindingDetail] = [:]
    ) {
        self.parts = parts
        self.details = details
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.origin = origin
        self.start = start
        self.end = end
        self.secret = secret
        self.confidence = confidence
        self.entropy = entropy
        self.validation = validation
        self.fingerprint = fingerprint
        self.snippet = snippet
    }

    /// The order of every report: path, line, column, rule, then the rest for full determinism.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.origin.path != b.origin.path { return a.origin.path < b.origin.path }
        if a.start != b.start { return a.start < b.start }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.origin.commit != b.origin.commit { return (a.origin.commit ?? "") < (b.origin.commit ?? "") }
        if a.origin.layer != b.origin.layer { return (a.origin.layer ?? "") < (b.origin.layer ?? "") }
        if a.origin.decodedBy != b.origin.decodedBy {
            return a.origin.decodedBy.lexicographicallyPrecedes(b.origin.decodedBy)
        }
        if a.end != b.end { return a.end < b.end }
        return a.secret < b.secret
    }
}
