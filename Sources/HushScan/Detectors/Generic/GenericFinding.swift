/// A generic candidate that judgement says to report.
package struct GenericFinding: Sendable, Hashable {
    package var candidate: GenericCandidate
    package var verdict: SecretVerdict
    /// High or medium for random-looking values, low for human passwords.
    package var confidence: Rule.Confidence

    /// A stable rule id for reports, allow comments and baselines, from what the key names:
    /// `generic-password`, `generic-api-key`, `generic-token`, ...
    package var ruleID: String { Self.ruleID(kind: candidate.kind, syntax: candidate.syntax) }

    /// The rule id of a candidate of this kind written in this syntax.
    static func ruleID(kind: SecretKeyKind, syntax: GenericCandidate.Syntax) -> String {
        switch kind {
        case .password: "generic-password"
        case .secret: "generic-secret"
        case .token: "generic-token"
        case .apiKey: "generic-api-key"
        case .accessKey: "generic-access-key"
        case .privateKey: "generic-private-key"
        case .key: "generic-key"
        case .credential: "generic-credential"
        case .auth: syntax == .basicAuthorization ? "generic-basic-auth" : "generic-authorization"
        }
    }

    /// Every rule id the detector can emit.
    package static let ruleIDs: Set<String> = Set(
        SecretKeyKind.allCases.flatMap { kind in
            [GenericCandidate.Syntax.equalsPair, .basicAuthorization].map { ruleID(kind: kind, syntax: $0) }
        })
}

extension Rule.Detector {
    /// The rule ids this detector emits; a rule naming the detector must have one of them.
    package var ruleIDs: Set<String> {
        switch self {
        case .genericAssignment: GenericFinding.ruleIDs
        }
    }
}

extension GenericAssignmentDetector {
    /// The candidates in `bytes` worth reporting, judged with the text before each value on its
    /// line as digest context (`sha256:`, `@sha256:`).
    package func findings(in bytes: UnsafeRawBufferPointer, judgement: SecretValueJudgement = SecretValueJudgement()) -> [GenericFinding] {
        candidates(in: bytes).compactMap { candidate in
            let verdict = Self.verdict(for: candidate, in: bytes, judgement: judgement)
            return verdict.reportConfidence.map { GenericFinding(candidate: candidate, verdict: verdict, confidence: $0) }
        }
    }

    /// Judgement of one candidate found in `bytes`, with the text before its value on its line
    /// (at most 32 bytes) as digest context.
    package static func verdict(
        for candidate: GenericCandidate, in bytes: UnsafeRawBufferPointer, judgement: SecretValueJudgement = SecretValueJudgement()
    ) -> SecretVerdict {
        let valueStart = candidate.valueRange.lowerBound
        var lineStart = valueStart
        while lineStart > max(0, valueStart - 32), bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let before = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<valueStart]), as: UTF8.self)
        return judgement.judge(candidate.value, key: candidate.key, textBefore: before)
    }

    /// The candidates in `bytes` worth reporting.
    package func findings(in bytes: [UInt8], judgement: SecretValueJudgement = SecretValueJudgement()) -> [GenericFinding] {
        bytes.withUnsafeBytes { findings(in: $0, judgement: judgement) }
    }
}
