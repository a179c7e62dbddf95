/// The matches of `generic-assignment` detector rules: secret-named keys whose values
/// `SecretValueJudgement` takes for secrets.
package struct GenericAssignmentRuleDetector: Detector {
    package var kind: Rule.Detector { .genericAssignment }
    package var fragments: [String] { AssignmentScan.fragments }

    package init() {}

    package func matches(
        in bytes: UnsafeRawBufferPointer, fragmentStarts: [Int], rules: DetectorRules, syntax: TextSyntax,
        rejected: inout [RejectedMatch]?
    ) -> [RuleMatch] {
        var matches: [RuleMatch] = []
        for candidate in GenericAssignmentDetector().candidates(in: bytes, fragmentStarts: fragmentStarts, syntax: syntax) {
            let id = GenericFinding.ruleID(kind: candidate.kind, syntax: candidate.syntax)
            guard let index = rules.indexByID[id] else { continue }
            // A base64 value (Kubernetes Secret `data:`) is judged, and reported, as what it encodes.
            let decoded = Self.base64Text(candidate)
            let value = decoded ?? candidate.value
            let verdict = decoded.map { SecretValueJudgement.judge($0, key: candidate.key) }
                ?? GenericAssignmentDetector.verdict(for: candidate, in: bytes)
            guard let judged = verdict.reportConfidence else {
                if case .notSecret(let reason) = verdict {
                    rejected?.append(RejectedMatch(ruleIndex: index, secret: value, reason: .judged(reason)))
                }
                continue
            }
            let ceiling = rules.ceilingByIndex[index] ?? judged
            matches.append(RuleMatch(
                ruleIndex: index, matchRange: candidate.keyRange.lowerBound..<candidate.valueRange.upperBound,
                secretRange: candidate.valueRange, secret: value, entropy: Entropy.bitsPerByte(value.utf8),
                validation: .none, confidence: min(judged, ceiling), transforms: decoded == nil ? [] : [.base64]))
        }
        return matches
    }

    /// The text a candidate's value encodes, when the value is padded base64 (a length that is a
    /// multiple of 4, as encoders write it) of one line of printable text. Random tokens that happen
    /// to use only base64 symbols decode to binary, so they stay as they are.
    static func base64Text(_ candidate: GenericCandidate) -> String? {
        let raw = Array(candidate.value.utf8)
        guard candidate.syntax != .basicAuthorization, raw.count >= 12, raw.count % 4 == 0,
            !ValueCharacterClasses.isHexText(raw), let decoded = LenientBase64.decode(raw), !decoded.isEmpty
        else { return nil }
        let text = String(decoding: decoded, as: UTF8.self)
        // Invalid UTF-8 would have been repaired on the way in: binary, not text.
        guard text.utf8.elementsEqual(decoded),
            text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
        else { return nil }
        return text
    }
}
