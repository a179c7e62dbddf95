/// A match about to become a finding: where it points in the blob, and the decodings that revealed it.
struct PlacedMatch {
    var match: RuleMatch
    /// Bytes of the blob the finding points at: the secret as written, or the encoded text it was
    /// decoded from.
    var range: Range<Int>
    /// Outermost first; empty when the secret is in the blob as written.
    var transforms: [Transform]
    var isDetector: Bool
    /// Where in a structured document it sits, when an analyzer knew.
    var documentPath: String? = nil
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
        // Disjoint (MatchOverlap claims each byte once) and sorted: overlaps are a binary search away.
        var written = MatchOverlap.strongest(raw, rules: rules).map {
            PlacedMatch(
                match: $0, range: $0.secretRange, transforms: $0.transforms, isDetector: rules[$0.ruleIndex].detector != nil,
                documentPath: $0.documentPath)
        }
        var replaced = [Bool](repeating: false, count: written.count)
        var decoded: [PlacedMatch] = []
        var decodedBySecret: [String: [Range<Int>]] = [:]
        for layer in layers {
            let root = layer.layer.rootRange
            let encodings = layer.layer.transforms
            let kept = MatchOverlap.strongest(layer.matches, rules: rules)
            let overlapping = overlaps(of: root, in: written)
            // Pattern rules first, so a detector match in the same layer sees what they took.
            let ordered = kept.filter { rules[$0.ruleIndex].detector == nil } + kept.filter { rules[$0.ruleIndex].detector != nil }
            for match in ordered {
                let isDetector = rules[match.ruleIndex].detector != nil
                let live = overlapping.filter { !replaced[$0] }
                if live.contains(where: { !written[$0].isDetector }) { continue }
                if isDetector, !live.isEmpty { continue }
                if decodedBySecret[match.secret]?.contains(where: { $0.overlaps(root) }) == true { continue }
                for index in live { replaced[index] = true }  // detector matches on these bytes
                decodedBySecret[match.secret, default: []].append(root)
                decoded.append(PlacedMatch(
                    match: match, range: root, transforms: encodings + match.transforms, isDetector: isDetector,
                    documentPath: layer.layer.documentPath ?? match.documentPath))
            }
        }
        written = written.indices.filter { !replaced[$0] }.map { written[$0] }
        return (written + decoded).sorted {
            ($0.range.lowerBound, $0.match.ruleIndex) < ($1.range.lowerBound, $1.match.ruleIndex)
        }
    }

    /// Indices of the ranges in `sorted` (disjoint, in order) that overlap `range`.
    private static func overlaps(of range: Range<Int>, in sorted: [PlacedMatch]) -> [Int] {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].range.upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var found: [Int] = []
        while low < sorted.count, sorted[low].range.lowerBound < range.upperBound {
            if sorted[low].range.overlaps(range) { found.append(low) }
            low += 1
        }
        return found
    }
}
