/// The matches of `generic-assignment` detector rules: secret-named keys whose values
/// `SecretValueJudgement` takes for secrets.
extension EngineWorker {
    func genericAssignmentMatches(_ bytes: UnsafeRawBufferPointer, rejected: inout [RejectedMatch]?) -> [RuleMatch] {
        let ruleIndex = engine.genericAssignmentRules
        var matches: [RuleMatch] = []
        for candidate in GenericAssignmentDetector().candidates(in: bytes) {
            let id = GenericFinding.ruleID(kind: candidate.kind, syntax: candidate.syntax)
            guard let index = ruleIndex[id] else { continue }
            let verdict = GenericAssignmentDetector.verdict(for: candidate, in: bytes)
            guard let judged = verdict.reportConfidence else {
                if case .notSecret(let reason) = verdict {
                    rejected?.append(RejectedMatch(ruleIndex: index, secret: candidate.value, reason: .judged(reason)))
                }
                continue
            }
            let entropy = Entropy.bitsPerByte(candidate.value.utf8)
            // The rule's confidence is the ceiling: a user may lower a detector rule's confidence in YAML.
            let ceiling = engine.ruleSet.rules[index].confidence
            matches.append(RuleMatch(
                ruleIndex: index, matchRange: candidate.keyRange.lowerBound..<candidate.valueRange.upperBound,
                secretRange: candidate.valueRange, secret: candidate.value, entropy: entropy, validation: .none,
                confidence: min(judged, ceiling)))
        }
        return matches
    }
}
