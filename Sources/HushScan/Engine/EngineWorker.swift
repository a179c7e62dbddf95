/// A match PCRE2 confirmed but a later gate dropped, kept only when someone asks why (rule example checks).
package struct RejectedMatch: Sendable, Hashable {
    package enum Reason: Sendable, Hashable {
        case emptySecret
        case lowEntropy(Double, minimum: Double)
        case invalid(validator: String)
        case placeholder
        /// A detector judged the value not to be a secret.
        case judged(NotSecretReason)
        /// The capture has the shape of something public or committed on purpose (a UUID under an
        /// id key, a digest, a public key, a password hash, a SOPS or Ansible Vault ciphertext).
        case knownShape(NonSecretShape)
    }

    package var ruleIndex: Int
    package var secret: String
    package var reason: Reason

    package init(ruleIndex: Int, secret: String, reason: Reason) {
        self.ruleIndex = ruleIndex
        self.secret = secret
        self.reason = reason
    }
}

/// Scans buffers with one engine; holds the per-thread scratch. Not thread-safe: one per worker.
package final class EngineWorker {
    let engine: ScanEngine
    private let hits: HitRuns
    private let vectorscanScratch: VectorscanScratch?
    private let pcreScratch: PCRE2MatchScratch
    /// Per rule index: PCRE2 searches of this worker that stopped on a resource limit (a
    /// pathological window), so a secret there may have been missed. Never reset.
    package private(set) var limitHits: [Int: Int] = [:]
    /// The last Vectorscan failure since `takeScanFailure()`: the buffer was only partly searched.
    private var scanFailure: VectorscanError?

    /// Why the scans since the last call searched only part of their buffer, if one did; clears it.
    func takeScanFailure() -> String? {
        defer { scanFailure = nil }
        return scanFailure.map { "Vectorscan stopped part way (\($0.code)): \($0.message); matches after that point may be missing" }
    }

    init(engine: ScanEngine) {
        self.engine = engine
        hits = HitRuns(idCount: engine.expressionCount)
        vectorscanScratch = engine.database?.makeScratch()
        guard let pcre = PCRE2MatchScratch(maxCaptureCount: engine.maxCaptureCount),
              engine.database == nil || vectorscanScratch != nil
        else {
            // Both allocate a few KiB; failing means the process is out of memory.
            fatalError("hush: out of memory allocating scanner scratch space")
        }
        pcreScratch = pcre
    }

    /// Every confirmed match in the buffer, in order of position.
    package func scan(_ bytes: UnsafeRawBufferPointer, syntax: TextSyntax = .other) -> [RuleMatch] {
        var ignored: [RejectedMatch]?
        return scan(bytes, syntax: syntax, rejected: &ignored)
    }

    /// Like `scan(_:)`; when `rejected` is non-nil, also collects the matches a gate dropped, and why.
    func scan(_ bytes: UnsafeRawBufferPointer, syntax: TextSyntax = .other, rejected: inout [RejectedMatch]?) -> [RuleMatch] {
        guard !bytes.isEmpty else { return [] }
        var fragmentStarts: [[Int]] = []
        var matches = patternMatches(bytes, fragmentStarts: &fragmentStarts, rejected: &rejected)
        for (slot, starts) in zip(engine.detectors, fragmentStarts) where !starts.isEmpty {
            matches += slot.detector.matches(in: bytes, fragmentStarts: starts, rules: slot.rules, syntax: syntax, rejected: &rejected)
        }
        matches.sort {
            ($0.matchRange.lowerBound, $0.ruleIndex, $0.matchRange.upperBound)
                < ($1.matchRange.lowerBound, $1.ruleIndex, $1.matchRange.upperBound)
        }
        return matches
    }

    /// The matches of the rules that have a pattern: one Vectorscan pass, then PCRE2 on each hit.
    /// The same pass finds where each detector's fragments start (sorted, one list per detector).
    private func patternMatches(
        _ bytes: UnsafeRawBufferPointer, fragmentStarts: inout [[Int]], rejected: inout [RejectedMatch]?
    ) -> [RuleMatch] {
        guard let database = engine.database, let scratch = vectorscanScratch else { return [] }
        hits.reset()
        do { try database.scan(bytes, scratch: scratch, into: hits) } catch { scanFailure = error }
        hits.normalize()
        let ruleCount = engine.rules.count
        let keywordEnd = ruleCount + engine.keywordRules.count
        if !engine.detectors.isEmpty, let first = hits.runs.firstIndex(where: { $0.id >= engine.detectors[0].fragmentIDs.lowerBound }) {
            let fragmentRuns = hits.runs[first...]
            fragmentStarts = engine.detectors.map { slot in
                // A literal of two or more bytes never ends at consecutive offsets: each run is one hit.
                fragmentRuns.filter { slot.fragmentIDs.contains(Int($0.id)) }.flatMap { run in
                    (run.first...run.last).map { $0 - slot.fragmentLengths[Int(run.id) - slot.fragmentIDs.lowerBound] }
                }.sorted()
            }
        }
        if !engine.keywordRules.isEmpty, let firstKeyword = hits.runs.firstIndex(where: { $0.id >= ruleCount }) {
            for run in hits.runs[firstKeyword...] where Int(run.id) < keywordEnd {
                for rule in engine.keywordRules[Int(run.id) - ruleCount] {
                    hits.append(HitRuns.Run(id: UInt32(rule), first: run.first, last: run.last))
                }
            }
            hits.normalize()
        }

        var matches: [RuleMatch] = []
        let runs = hits.runs
        var start = 0
        while start < runs.count, Int(runs[start].id) < ruleCount {
            var end = start + 1
            while end < runs.count, runs[end].id == runs[start].id { end += 1 }
            confirm(rule: Int(runs[start].id), runs: runs, range: start..<end, in: bytes, into: &matches,
                    rejected: &rejected)
            start = end
        }
        return matches
    }

    /// How far (bytes) a window may reach to either side of a hit; lines longer than that are cut.
    static func sideLimit(windowLines: Int) -> Int {
        2048 * (windowLines + 1)
    }

    /// Runs one rule's PCRE2 pattern on a window around each of its hits, left to right, never
    /// reporting a span twice however many hits or windows cover it.
    private func confirm(
        rule ruleIndex: Int, runs: [HitRuns.Run], range: Range<Int>, in bytes: UnsafeRawBufferPointer,
        into matches: inout [RuleMatch], rejected: inout [RejectedMatch]?
    ) {
        let rule = engine.rules[ruleIndex]
        // Only pattern rules get Vectorscan hits.
        guard let pattern = rule.pattern else { return }
        let exact = rule.route == .vectorscan
        let sideLimit = Self.sideLimit(windowLines: rule.windowLines)
        var cursor = 0  // no further match of this rule may start before this offset
        var covered = -1  // hits ending at or before this offset were inside a window already searched
        for runIndex in range {
            let run = runs[runIndex]
            var end = max(run.first, covered + 1)
            while end <= run.last {
                let window = MatchWindow.around(end: end, lines: rule.windowLines, sideLimit: sideLimit, in: bytes)
                var position = max(window.range.lowerBound, cursor)
                let limit = window.range.upperBound
                while position < limit,
                      let found = pattern.firstMatch(
                          in: bytes, length: limit, from: position, group: rule.secretGroup, scratch: pcreScratch)
                {
                    let searchStart = position
                    position = max(found.whole.upperBound, found.whole.lowerBound + 1)
                    // A match touching a cut edge of the window may be part of a longer one: not ours to judge.
                    if window.clippedStart, found.whole.lowerBound == window.range.lowerBound,
                       searchStart == window.range.lowerBound { continue }
                    if window.clippedEnd, found.whole.upperBound == limit { continue }
                    if found.whole.isEmpty { continue }
                    // For exact rules Vectorscan knows every true match end; anything else is a window artefact.
                    if exact, !runs.containsEnd(found.whole.upperBound, in: range) { continue }
                    cursor = found.whole.upperBound
                    vet(found, ruleIndex: ruleIndex, rule: rule, in: bytes, into: &matches, rejected: &rejected)
                }
                if pcreScratch.limitHits > 0 {
                    limitHits[ruleIndex, default: 0] += pcreScratch.limitHits
                    pcreScratch.limitHits = 0
                }
                // Exact hits are match ends, so a match ending further on starts inside this window
                // (rules span at most `windowLines` lines): the whole window is done. Keyword and
                // prefilter hits can sit anywhere in a match, which may run past the window: only
                // the hit's own line is done. On a cut window, hits near the far edge get a window
                // of their own.
                covered = exact ? limit : window.hitLineEnd
                if window.clippedEnd { covered = min(covered, max(end, limit - sideLimit / 2)) }
                end = covered + 1
            }
        }
    }

    /// Applies the entropy gate, the validator, the known-shape filter (entropy-gated rules) and the
    /// placeholder filter to one PCRE2 match.
    private func vet(
        _ found: PCRE2Match, ruleIndex: Int, rule: ScanEngine.CompiledRule, in bytes: UnsafeRawBufferPointer,
        into matches: inout [RuleMatch], rejected: inout [RejectedMatch]?
    ) {
        func reject(_ reason: RejectedMatch.Reason, _ secret: String) {
            rejected?.append(RejectedMatch(ruleIndex: ruleIndex, secret: secret, reason: reason))
        }
        guard let secretRange = found.group, !secretRange.isEmpty else {
            reject(.emptySecret, "")
            return
        }
        let secretBytes = UnsafeRawBufferPointer(rebasing: bytes[secretRange])
        let entropy = Entropy.bitsPerByte(secretBytes)
        let secret = String(decoding: secretBytes, as: UTF8.self)
        if let minimum = rule.minEntropy, entropy < minimum {
            reject(.lowEntropy(entropy, minimum: minimum), secret)
            return
        }
        var validation = Validation.none
        if let validator = rule.validator {
            let match = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[found.whole]), as: UTF8.self)
            validation = validator.check(ValidationInput(secret: secret[...], match: match[...]))
            if validation == .invalid, !engine.options.keepInvalid {
                reject(.invalid(validator: validator.name), secret)
                return
            }
        }
        // A passed checksum or decoded structure says the capture is the token itself.
        let proven = validation == .valid && rule.validator?.isConclusive == true
        // Entropy gates admit digests, UUIDs and ciphertexts as readily as keys.
        if rule.minEntropy != nil, !proven,
           let shape = KnownNonSecretShape.classify(
               bytes: Array(secretBytes), context: CaptureContext.shapeContext(before: secretRange.lowerBound, in: bytes)),
           shape.isStructured
        {
            reject(.knownShape(shape), secret)
            return
        }
        // A proven token outweighs a word in it that looks like a placeholder.
        if !proven, PlaceholderFilter.isPlaceholder(secret) {
            reject(.placeholder, secret)
            return
        }
        matches.append(RuleMatch(
            ruleIndex: ruleIndex, matchRange: found.whole, secretRange: secretRange, secret: secret,
            entropy: entropy, validation: validation))
    }
}
