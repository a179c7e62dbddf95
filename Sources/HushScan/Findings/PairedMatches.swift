/// A placed match, and the identifying half it was paired with (`Rule.pairsWith`), as indices
/// into the placed matches.
struct PairedMatch {
    var secret: Int
    var identifier: Int?
}

/// Joins the two halves of credentials that work only together (an AWS access key id and its
/// secret access key, a Twilio API key SID and its secret, an Azure account name and its key)
/// into one finding, using `CredentialPairing`: the nearest halves within a few lines pair up.
/// A secret half with no identifier nearby stays a finding of its own; so does an identifier,
/// unless its rule is `pair_only` (not a secret by itself).
enum PairedMatches {
    static let pairing = CredentialPairing(maximumLineDistance: 5)

    static func join(_ placed: [PlacedMatch], rules: [Rule], lineStarts: [Int]) -> [PairedMatch] {
        var identifierUsed = [Bool](repeating: false, count: placed.count)
        var pairedWith = [Int?](repeating: nil, count: placed.count)
        let byRule = Dictionary(grouping: placed.indices, by: { rules[placed[$0].match.ruleIndex].id })
        // Rule by rule, in rule-set order, so the outcome does not depend on dictionary order.
        for rule in rules where !rule.pairsWith.isEmpty {
            guard let secrets = byRule[rule.id] else { continue }
            let identifiers = rule.pairsWith.flatMap { byRule[$0] ?? [] }.filter { !identifierUsed[$0] }
            guard !identifiers.isEmpty else { continue }
            let outcomes = pairing.pair(
                primaries: identifiers.map { placed[$0].range }, partners: secrets.map { placed[$0].range },
                lineStarts: lineStarts)
            for case .pair(let p, let q) in outcomes {
                identifierUsed[identifiers[p]] = true
                pairedWith[secrets[q]] = identifiers[p]
            }
        }
        return placed.indices.compactMap { index -> PairedMatch? in
            if identifierUsed[index] { return nil }  // reported inside its pair
            if pairedWith[index] == nil, rules[placed[index].match.ruleIndex].pairOnly { return nil }
            return PairedMatch(secret: index, identifier: pairedWith[index])
        }
    }
}
