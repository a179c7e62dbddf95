/// The findings a user asked not to see: below a confidence, not validated, or already in a baseline.
package struct FindingFilter: Sendable {
    /// What happens to one finding.
    package enum Verdict: Sendable, Hashable {
        case keep
        /// Its fingerprint is in the baseline.
        case inBaseline
        /// Below `--min-confidence`, or not valid under `--only-valid`.
        case filteredOut
    }

    package var minConfidence: Rule.Confidence
    package var onlyValid: Bool
    package var baseline: Baseline
    /// The kinds of finding reported (`--kind`): secrets, hygiene findings, or both (the default).
    package var kinds: Set<Rule.Kind>

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
        if baseline.fingerprints.contains(finding.fingerprint) { return .inBaseline }
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

    package init(inlineAllow: Int = 0, baseline: Int = 0, filtered: Int = 0) {
        self.inlineAllow = inlineAllow
        self.baseline = baseline
        self.filtered = filtered
    }

    package var total: Int { inlineAllow + baseline + filtered }

    package static func + (lhs: SuppressionCounts, rhs: SuppressionCounts) -> SuppressionCounts {
        SuppressionCounts(
            inlineAllow: lhs.inlineAllow + rhs.inlineAllow, baseline: lhs.baseline + rhs.baseline,
            filtered: lhs.filtered + rhs.filtered)
    }
}
