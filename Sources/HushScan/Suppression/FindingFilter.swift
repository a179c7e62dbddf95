/// The findings a user asked not to see: below a confidence, not validated, or already in a baseline.
package struct FindingFilter: Sendable {
    /// What happens to one finding.
    package enum Verdict: Sendable, Hashable {
        case keep
        /// Its fingerprint is in the baseline.
        case inBaseline
        /// Below `--min-confidence`, or not valid under `--only-valid`.
        case filteredOut
        /// Its value is allowed by the configuration (`allow:`, `stopwords:`).
        case allowlisted
        /// Its fingerprint is in the configuration's ignore list (and not expired).
        case ignored
        /// Under a repository inside the scanned folder whose own settings leave it out (a rule
        /// it disables, a path it excludes, below its `min_confidence`).
        case excluded
    }

    package var minConfidence: Rule.Confidence
    package var onlyValid: Bool
    package var baseline: Baseline
    /// The kinds of finding reported (`--kind`): secrets, hygiene findings, or both (the default).
    package var kinds: Set<Rule.Kind>
    package var allowlist = Allowlist()
    package var ignoreList = IgnoreList()

    package init(
        minConfidence: Rule.Confidence = .low, onlyValid: Bool = false, baseline: Baseline = Baseline(),
        kinds: Set<Rule.Kind> = [.secret, .hygiene]
    ) {
        self.minConfidence = minConfidence
        self.onlyValid = onlyValid
        self.baseline = baseline
        self.kinds = kinds
    }

    package func verdict(for finding: Finding) -> Verdict {
        if finding.confidence < minConfidence || (onlyValid && finding.validation != .valid) || !kinds.contains(finding.kind) {
            return .filteredOut
        }
        if ignoreList.fingerprints.contains(finding.fingerprint) { return .ignored }
        if baseline.fingerprints.contains(finding.fingerprint) { return .inBaseline }
        if allowlist.allows(finding) { return .allowlisted }
        return .keep
    }
}

/// How many findings were hidden, and by what. Shown in every report's summary.
package struct SuppressionCounts: Sendable, Hashable, Codable {
    /// By a `hush:allow` comment.
    package var inlineAllow = 0
    /// By `--baseline`.
    package var baseline = 0
    /// By `--min-confidence`, `--only-valid` or `--kind`.
    package var filtered = 0
    /// By the configuration's `allow:` values and `stopwords:`.
    package var allowlist = 0
    /// By the configuration's `ignore:` fingerprints.
    package var ignored = 0
    /// By the settings of a repository inside the scanned folder (`RepositorySettings`).
    package var excluded = 0

    package init(inlineAllow: Int = 0, baseline: Int = 0, filtered: Int = 0, allowlist: Int = 0, ignored: Int = 0, excluded: Int = 0) {
        self.inlineAllow = inlineAllow
        self.baseline = baseline
        self.filtered = filtered
        self.allowlist = allowlist
        self.ignored = ignored
        self.excluded = excluded
    }

    package var total: Int { inlineAllow + baseline + filtered + allowlist + ignored + excluded }

    package static func + (lhs: SuppressionCounts, rhs: SuppressionCounts) -> SuppressionCounts {
        SuppressionCounts(
            inlineAllow: lhs.inlineAllow + rhs.inlineAllow, baseline: lhs.baseline + rhs.baseline,
            filtered: lhs.filtered + rhs.filtered, allowlist: lhs.allowlist + rhs.allowlist, ignored: lhs.ignored + rhs.ignored,
            excluded: lhs.excluded + rhs.excluded)
    }
}
