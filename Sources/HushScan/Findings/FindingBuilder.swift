/// Turns an engine's matches in one blob into findings: positions, snippets, fingerprints, and the
/// blob's own `hush:allow` comments. Knows nothing of files: the blob's origin is given.
package struct FindingBuilder: Sendable {
    /// The findings of one blob, and those its allow comments cover (which the suppression stage
    /// counts and drops).
    package struct Output: Sendable {
        package var findings: [Finding]
        /// Marked `inlineAllowed`.
        package var allowed: [Finding]

        package init(findings: [Finding] = [], allowed: [Finding] = []) {
            self.findings = findings
            self.allowed = allowed
        }

        package var allowedInline: Int { allowed.count }
        /// Both, for the suppression stage.
        var all: [Finding] { findings + allowed }
    }

    private static let allowMarker = Array(InlineAllow.marker.utf8)
    private let rules: [Rule]
    private let knownRuleIDs: Set<String>

    package init(ruleSet: RuleSet) {
        rules = ruleSet.rules
        knownRuleIDs = Set(ruleSet.rules.map(\.id))
    }

    /// The findings for `matches`, which the engine found in `bytes`, and for `layers`, the matches
    /// in text decoded from it. Where matches overlap, the strongest stands (`MatchOverlap`,
    /// `DecodedOverlap`); matches the engine marked `invalid` never become findings. A decoded
    /// finding points at the encoded text it came from. `hygiene` matches (of hygiene rules) take
    /// part in no overlap: they report a practice beside whatever secret the same bytes hold. A
    /// match whose range lies outside its buffer or names no rule (an engine bug) is not trusted.
    package func findings(
        in bytes: UnsafeRawBufferPointer, origin: Origin, matches: [RuleMatch], layers: [LayerMatches] = [],
        hygiene: [RuleMatch] = []
    ) -> Output {
        func sane(_ matches: [RuleMatch], count: Int) -> [RuleMatch] {
            matches.filter {
                $0.secretRange.lowerBound >= 0 && $0.secretRange.upperBound <= count && rules.indices.contains($0.ruleIndex)
            }
        }
        let saneLayers = layers.compactMap { layer -> LayerMatches? in
            guard layer.layer.rootRange.lowerBound >= 0, layer.layer.rootRange.upperBound <= bytes.count else { return nil }
            return LayerMatches(layer: layer.layer, matches: sane(layer.matches, count: layer.layer.bytes.count))
        }
        var kept = DecodedOverlap.merge(raw: sane(matches, count: bytes.count), layers: saneLayers, rules: rules)
        let practices = sane(hygiene, count: bytes.count).map {
            PlacedMatch(match: $0, range: $0.secretRange, transforms: $0.transforms, isDetector: true, documentPath: $0.documentPath)
        }
        if !practices.isEmpty {
            kept = (kept + practices).sorted {
                ($0.range.lowerBound, $0.match.ruleIndex) < ($1.range.lowerBound, $1.match.ruleIndex)
            }
        }
        guard !kept.isEmpty else { return Output() }

        let lines = LineIndex(bytes)
        var cursor = LineIndex.Cursor()  // `kept` is in position order: each line is walked once
        let positions = kept.map {
            (start: lines.position(of: $0.range.lowerBound, from: &cursor), end: lines.position(of: $0.range.upperBound, from: &cursor))
        }
        // Every secret touching a line is redacted in that line's snippet, suppressed or not.
        var secretsByLine: [Int: [Range<Int>]] = [:]
        // A hygiene match's range is its subject (a variable's name, a file), never a secret.
        for (item, position) in zip(kept, positions) where rules[item.match.ruleIndex].kind == .secret {
            for line in position.start.line...position.end.line { secretsByLine[line, default: []].append(item.range) }
        }

        var directivesByLine: [Int: [InlineAllow]] = [:]
        func directives(onLine line: Int) -> [InlineAllow] {
            guard line >= 1 else { return [] }
            if let cached = directivesByLine[line] { return cached }
            let range = lines.range(ofLine: line)
            // Lines can be megabytes long (minified JSON): only one holding the marker is decoded.
            guard ByteSearch.firstOffset(of: Self.allowMarker, in: UnsafeRawBufferPointer(rebasing: bytes[range])) != nil else {
                directivesByLine[line] = []
                return []
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            let found = InlineAllow.directives(in: text[...], knownRuleIDs: knownRuleIDs)
            directivesByLine[line] = found
            return found
        }

        var output = Output()
        for pair in PairedMatches.join(kept, rules: rules, lineStarts: lines.lineStarts) {
            let item = kept[pair.secret]
            let (start, end) = positions[pair.secret]
            let match = item.match
            let rule = rules[match.ruleIndex]
            let halves = [pair.identifier, pair.secret].compactMap { $0 }
            let allowed = halves.contains { half in
                let line = positions[half].start.line
                let ids = [rule.id, rules[kept[half].match.ruleIndex].id]
                return directives(onLine: line).contains { d in !d.nextLine && ids.contains(where: d.allows) }
                    || directives(onLine: line - 1).contains { d in d.nextLine && ids.contains(where: d.allows) }
            }
            let snippet = Snippet.cut(
                bytes, line: lines.range(ofLine: start.line), focus: item.range, secrets: secretsByLine[start.line] ?? [])
            var findingOrigin = origin
            findingOrigin.transforms += item.transforms
            findingOrigin.documentPath = item.documentPath ?? findingOrigin.documentPath
            var confidence = match.confidence ?? rule.confidence
            var parts: [FindingPart] = []
            var fingerprintSecret = match.secret
            if let identifier = pair.identifier {
                // Both halves together are worth more than either: the more confident rule speaks for the pair.
                let other = kept[identifier].match
                confidence = max(confidence, other.confidence ?? rules[other.ruleIndex].confidence)
                parts = halves.map { half in
                    FindingPart(
                        ruleID: rules[kept[half].match.ruleIndex].id, start: positions[half].start,
                        end: positions[half].end, secret: kept[half].match.secret)
                }
                fingerprintSecret = other.secret + "\u{0}" + match.secret
            }
            var finding = Finding(
                ruleID: rule.id, ruleName: rule.name, origin: findingOrigin, start: start, end: end,
                secret: match.secret, confidence: confidence, entropy: match.entropy, validation: match.validation,
                fingerprint: Fingerprint.of(ruleID: rule.id, path: origin.path, secret: fingerprintSecret),
                snippet: snippet, parts: parts,
                details: rule.kind == .hygiene ? [:] : FindingDetails.of(halves.map { kept[$0].match.secret }))
            finding.kind = rule.kind
            if allowed {
                finding.inlineAllowed = true
                output.allowed.append(finding)
            } else {
                output.findings.append(finding)
            }
        }
        return output
    }
}
