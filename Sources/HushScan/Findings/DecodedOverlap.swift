/// A match about to become a finding: where it points in the blob, and the decodings that revealed it.
struct PlacedMatch {
    var match: RuleMatch
    /// Bytes of the blob the finding points at: the secret as written, or the encoded text it was
    /// decoded from.
    var range: Range<Int>
    /// Outermost first; empty when the secret is in the blob as written.
    var decodedBy: [String]
    var isDetector: Bool
}

/// One secret, one finding, across a blob and the layers decoded from it.
///
/// Inside each layer the usual `MatchOverlap` applies. Across layers a decoded match points at the
/// encoded text it came from (its root range), and:
/// - a pattern rule's match in the blob as written stands, and decoded matches on those bytes go
///   (the provider rule read the encoded text itself);
/// - a decoded pattern rule's match replaces a detector's match on the same bytes
///   (`github-token: Z2hwX…` is the GitHub rule's, found in the decoded value);
/// - a decoded detector match never displaces a detector match on the bytes as written;
/// - the same secret on the same bytes is reported once, from the outermost place it was seen.
enum DecodedOverlap {
    static func merge(raw: [RuleMatch], layers: [LayerMatches], rules: [Rule]) -> [PlacedMatch] {
        var placed = MatchOverlap.strongest(raw, rules: rules).map {
            PlacedMatch(match: $0, range: $0.secretRange, decodedBy: $0.decodedBy, isDetector: rules[$0.ruleIndex].detector != nil)
        }
        let rawCount = placed.count
        var dropped = Set<Int>()  // indices into `placed` of detector matches a decoded rule replaced
        for layer in layers {
            let root = layer.layer.rootRange
            let encodings = layer.layer.encodings.map(\.rawValue)
            let kept = MatchOverlap.strongest(layer.matches, rules: rules)
            // Pattern rules first, so a detector match in the same layer sees what they took.
            let ordered = kept.filter { rules[$0.ruleIndex].detector == nil } + kept.filter { rules[$0.ruleIndex].detector != nil }
            for match in ordered {
                let isDetector = rules[match.ruleIndex].detector != nil
                var there = placed.indices.filter { !dropped.contains($0) && placed[$0].range.overlaps(root) }
                if there.contains(where: { $0 < rawCount && !placed[$0].isDetector }) { continue }
                let rawDetectors = there.filter { $0 < rawCount && placed[$0].isDetector }
                if isDetector, !rawDetectors.isEmpty { continue }
                there.removeAll(where: rawDetectors.contains)
                if there.contains(where: { placed[$0].match.secret == match.secret }) { continue }
                dropped.formUnion(rawDetectors)
                placed.append(PlacedMatch(
                    match: match, range: root, decodedBy: encodings + match.decodedBy, isDetector: isDetector))
            }
        }
        return placed.indices.filter { !dropped.contains($0) }.map { placed[$0] }
            .sorted { ($0.range.lowerBound, $0.match.ruleIndex) < ($1.range.lowerBound, $1.match.ruleIndex) }
    }
}
