/// Turns an engine's matches in one blob into findings: positions, snippets, fingerprints, and the
/// blob's own `hush:allow` comments. Knows nothing of files: the blob's origin is given.
public struct FindingBuilder: Sendable {
    /// The findings of one blob, and how many matches its allow comments suppressed.
    public struct Output: Sendable {
        public var findings: [Finding]
        public var allowedInline: Int
    }

    private let rules: [Rule]
    private let knownRuleIDs: Set<String>

    public init(ruleSet: RuleSet) {
        rules = ruleSet.rules
        knownRuleIDs = Set(ruleSet.rules.map(\.id))
    }

    /// The findings for `matches`, which the engine found in `bytes`. Where matches overlap, the
    /// strongest stands (`MatchOverlap`); matches the engine marked `invalid` never become findings.
    /// A match whose range lies outside `bytes` or names no rule (an engine bug) is not trusted.
    public func findings(in bytes: UnsafeRawBufferPointer, origin: Origin, matches: [RuleMatch]) -> Output {
        let sane = matches.filter {
            $0.secretRange.lowerBound >= 0 && $0.secretRange.upperBound <= bytes.count && rules.indices.contains($0.ruleIndex)
        }
        let kept = MatchOverlap.strongest(sane, rules: rules)
        guard !kept.isEmpty else { return Output(findings: [], allowedInline: 0) }

        let lines = LineIndex(bytes)
        var cursor = LineIndex.Cursor()  // `kept` is in position order: each line is walked once
        let placed = kept.map { match in
            (match, lines.position(of: match.secretRange.lowerBound, from: &cursor),
             lines.position(of: match.secretRange.upperBound, from: &cursor))
        }
        // Every secret touching a line is redacted in that line's snippet, suppressed or not.
        var secretsByLine: [Int: [Range<Int>]] = [:]
        for (match, start, end) in placed {
            for line in start.line...end.line { secretsByLine[line, default: []].append(match.secretRange) }
        }

        var directivesByLine: [Int: [InlineAllow]] = [:]
        func directives(onLine line: Int) -> [InlineAllow] {
            guard line >= 1 else { return [] }
            if let cached = directivesByLine[line] { return cached }
            let range = lines.range(ofLine: line)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            let found = InlineAllow.directives(in: text[...], knownRuleIDs: knownRuleIDs)
            directivesByLine[line] = found
            return found
        }

        var output = Output(findings: [], allowedInline: 0)
        for (match, start, end) in placed {
            let rule = rules[match.ruleIndex]
            let allowed = directives(onLine: start.line).contains { !$0.nextLine && $0.allows(rule.id) }
                || directives(onLine: start.line - 1).contains { $0.nextLine && $0.allows(rule.id) }
            if allowed {
                output.allowedInline += 1
                continue
            }
            let snippet = Snippet.cut(
                bytes, line: lines.range(ofLine: start.line), focus: match.secretRange,
                secrets: secretsByLine[start.line] ?? [])
            output.findings.append(Finding(
                ruleID: rule.id, ruleName: rule.name, origin: origin, start: start, end: end,
                secret: match.secret, confidence: match.confidence ?? rule.confidence, entropy: match.entropy,
                validation: match.validation,
                fingerprint: Fingerprint.of(ruleID: rule.id, path: origin.path, secret: match.secret),
                snippet: snippet))
        }
        return output
    }
}
