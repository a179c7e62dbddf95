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
        case .analyzer: AnalyzerRules.ruleIDs
        }
    }
}

extension GenericAssignmentDetector {
    /// The candidates in `bytes` worth reporting, judged with the text before each value on its
    /// line as digest context (`sha256:`, `@sha256:`).
    package func findings(
        in bytes: UnsafeRawBufferPointer, syntax: TextSyntax = .other, judgement: SecretValueJudgement = SecretValueJudgement()
    ) -> [GenericFinding] {
        candidates(in: bytes, syntax: syntax).compactMap { candidate in
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
        // No secret starts with a space: a quoted "value" that does is the text after a string that
        // ended on the key (`-p "[sudo] password:" -u root …`).
        if candidate.quoted, let first = candidate.value.utf8.first, ValueCharacterClasses.isWhitespace(first) {
            return .notSecret(.prose)
        }
        let verdict = judgement.judge(candidate.value, key: candidate.key, textBefore: before)
        // A passphrase is written in quotes; unquoted words after a key are text (`passwd: files
        // systemd` in nsswitch.conf, `pwd: Jim Meyering` in a credits file).
        if verdict == .humanPassword, !candidate.quoted, candidate.value.utf8.contains(UInt8(ascii: " ")),
            Self.readsAsWords(candidate.value) {
            return .notSecret(.prose)
        }
        return verdict
    }

    /// Every space-separated part is a word, a number or a lone mark (`files systemd`, `Public
    /// Global Stellar Network ; September 2015`), unlike a password with spaces (`bar!#@ |&82$M`).
    static func readsAsWords(_ value: String) -> Bool {
        value.split(separator: " ").allSatisfy { part in
            part.allSatisfy(\.isLetter) || part.allSatisfy(\.isNumber) || (part.count == 1 && part.allSatisfy(\.isPunctuation))
        }
    }

    /// The candidates in `bytes` worth reporting.
    package func findings(
        in bytes: [UInt8], syntax: TextSyntax = .other, judgement: SecretValueJudgement = SecretValueJudgement()
    ) -> [GenericFinding] {
        bytes.withUnsafeBytes { findings(in: $0, syntax: syntax, judgement: judgement) }
    }
}
