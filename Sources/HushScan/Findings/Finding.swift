/// A secret found by a rule at a place: what every report renders.
package struct Finding: Sendable, Hashable {
    package var ruleID: String
    package var ruleName: String
    package var origin: Origin
    /// Where the secret starts (1-based; columns in Unicode code points, see `TextPosition`).
    package var start: TextPosition
    /// Where the secret ends: the position just after its last character, as in SARIF.
    package var end: TextPosition
    /// The secret as found. Reports redact it unless asked not to.
    package var secret: String
    package var confidence: Rule.Confidence
    /// Shannon entropy of the secret, bits per character.
    package var entropy: Double
    package var validation: Validation
    /// See `Fingerprint`.
    package var fingerprint: String
    /// The line the secret starts on, cut around it.
    package var snippet: Snippet
    /// For a credential found with its other half (an AWS key id and its secret): both halves,
    /// identifying half first. Empty otherwise; `secret` and the position are the secret half's.
    package var parts: [FindingPart]
    /// Facts read offline from the secret and its parts (`FindingDetails`), by JSON key.
    package var details: [String: FindingDetail]
    /// Every place the same content was found (a file copied across a tree, a blob in many commits,
    /// a file in several layers), this one first; empty when there is only this one. The blob was
    /// scanned once; each place has its own path and fingerprint, and was suppressed on its own.
    package var locations: [FindingLocation] = []
    /// For a finding in a repository's history: whether the secret is still in HEAD (or the working
    /// tree) at one of its places, or only in history. Nil outside history.
    package var presentAtHead: Bool?
    /// A secret, or a hygiene finding whose `secret` names its subject (reports show it as is).
    package var kind: Rule.Kind = .secret
    /// A `hush:allow` comment covers it; the suppression stage counts and drops it.
    var inlineAllowed = false

    package init(
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
    package static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        let (groupA, groupB) = (a.origin.provenance.reportGroup, b.origin.provenance.reportGroup)
        if groupA != groupB { return groupA < groupB }
        if a.start != b.start { return a.start < b.start }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.origin != b.origin { return Origin.reportOrder(a.origin, b.origin) }
        if a.end != b.end { return a.end < b.end }
        return a.secret < b.secret
    }
}

/// One place a finding's content was found.
package struct FindingLocation: Sendable, Hashable {
    package var origin: Origin
    package var start: TextPosition
    package var end: TextPosition
    /// The fingerprint of the finding at this place (`Fingerprint`: it hashes the path).
    package var fingerprint: String

    package init(origin: Origin, start: TextPosition, end: TextPosition, fingerprint: String) {
        self.origin = origin
        self.start = start
        self.end = end
        self.fingerprint = fingerprint
    }
}

extension Finding {
    /// This finding's place.
    package var location: FindingLocation {
        FindingLocation(origin: origin, start: start, end: end, fingerprint: fingerprint)
    }

    /// The finding at each of its places, with that place's origin and fingerprint and no
    /// `locations`: what reports that want one result per place (SARIF) render.
    package var everyPlace: [Finding] {
        guard !locations.isEmpty else { return [self] }
        return locations.map { location in
            var placed = self
            placed.origin = location.origin
            placed.start = location.start
            placed.end = location.end
            placed.fingerprint = location.fingerprint
            placed.locations = []
            return placed
        }
    }

    /// The same finding in the same content at another place: the origin's root changes, and so
    /// does the fingerprint, which hashes the path.
    func moved(to provenance: Provenance) -> Finding {
        var moved = self
        moved.origin.provenance = provenance
        moved.fingerprint = Fingerprint.of(ruleID: ruleID, path: provenance.displayPath, secret: fingerprintSecret)
        return moved
    }

    /// What the fingerprint hashes besides rule and path: both halves of a pair, or the secret.
    /// Shared by every finding of the same rule and secret, wherever found (`secret_id` in JSON).
    package var secretID: String { Fingerprint.secretID(ruleID: ruleID, secret: fingerprintSecret) }

    var fingerprintSecret: String {
        parts.count == 2 ? parts[0].secret + "\u{0}" + parts[1].secret : secret
    }
}

extension Origin {
    /// The transforms' names, as reports write them.
    package var decodedBy: [String] { transforms.map(\.rawValue) }
    /// The git commit, for a git blob.
    package var commit: String? { provenance.commit }
    /// The image layer's digest, for an image layer entry.
    package var layer: String? { provenance.layerDigest }
}
