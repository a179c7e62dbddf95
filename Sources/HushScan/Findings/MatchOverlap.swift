/// One secret, one finding: when matches of several rules cover overlapping bytes (a provider rule
/// and a generic "token = ..." rule on the same token), only the strongest claim stands.
///
/// Strength: a rule with a pattern before a detector rule (`DB_PASSWORD=ghp_…` is the GitHub
/// rule's), then the match's confidence, then a passed validation, then an analyzer's match (it knows
/// its place in the document), then the longer secret, then the
/// rule's place in the rule set. A match the engine marked `invalid` still claims its bytes and then
/// yields no finding, so a token with a failed checksum is not reported again by a generic rule.
enum MatchOverlap {
    /// The matches that become findings, in order of position.
    static func strongest(_ matches: [RuleMatch], rules: [Rule]) -> [RuleMatch] {
        let ranked = matches.sorted { a, b in
            // A provider's pattern knows the token; a detector only knows the key it was assigned to.
            let pa = rules[a.ruleIndex].detector == nil, pb = rules[b.ruleIndex].detector == nil
            if pa != pb { return pa }
            let ca = a.confidence ?? rules[a.ruleIndex].confidence, cb = b.confidence ?? rules[b.ruleIndex].confidence
            if ca != cb { return ca > cb }
            if (a.validation == .valid) != (b.validation == .valid) { return a.validation == .valid }
            // An analyzer's match of the same worth knows where in the document it is.
            if (a.documentPath == nil) != (b.documentPath == nil) { return a.documentPath != nil }
            if a.secretRange.count != b.secretRange.count { return a.secretRange.count > b.secretRange.count }
            if a.ruleIndex != b.ruleIndex { return a.ruleIndex < b.ruleIndex }
            return a.secretRange.lowerBound < b.secretRange.lowerBound
        }
        var claimed = ClaimedRanges()
        return ranked.filter { claimed.claim($0.secretRange) && $0.validation != .invalid }
            .sorted { ($0.secretRange.lowerBound, $0.ruleIndex) < ($1.secretRange.lowerBound, $1.ruleIndex) }
    }

    /// Disjoint byte ranges, sorted, so each claim costs a binary search rather than a scan.
    private struct ClaimedRanges {
        private var ranges: [Range<Int>] = []

        /// Records `range` and returns true, unless it overlaps a range already claimed.
        mutating func claim(_ range: Range<Int>) -> Bool {
            guard !range.isEmpty else { return true }  // an empty range holds no secret to share
            // Index of the first claimed range starting at or after `range`.
            var low = 0
            var high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].lowerBound < range.lowerBound { low = middle + 1 } else { high = middle }
            }
            if low > 0 && ranges[low - 1].upperBound > range.lowerBound { return false }
            if low < ranges.count && ranges[low].lowerBound < range.upperBound { return false }
            ranges.insert(range, at: low)
            return true
        }
    }
}
