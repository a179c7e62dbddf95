/// One worker's pipeline for one blob: the engine on the bytes as written, every analyzer that
/// accepts the blob, the engine on what they derive, then findings. Not thread-safe: one per worker.
struct BlobScanner {
    let worker: EngineWorker
    let analyzers: [any Analyzer]
    let builder: FindingBuilder
    /// Rule index by id, for analyzers' hygiene matches.
    let ruleIndex: [String: Int]

    init(engine: ScanEngine, analyzers: [any Analyzer]) {
        worker = engine.makeWorker()
        self.analyzers = analyzers
        builder = FindingBuilder(ruleSet: engine.ruleSet)
        ruleIndex = Dictionary(engine.ruleSet.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The findings in `bytes` (inline-allowed ones marked), placed at `provenance`, why the
    /// engine searched the blob only in part, when it did, and why an analyzer read it as text only.
    func findings(
        in bytes: UnsafeRawBufferPointer, at provenance: Provenance
    ) -> (FindingBuilder.Output, failure: String?, fallback: String?) {
        var fallback: String?
        let output = build(bytes, at: provenance, fallback: &fallback)
        return (output, worker.takeScanFailure(), fallback)
    }

    private func build(_ bytes: UnsafeRawBufferPointer, at provenance: Provenance, fallback: inout String?) -> FindingBuilder.Output {
        var matches = worker.scan(bytes, syntax: TextSyntax.of(path: provenance.displayPath, bytes: bytes))
        var layers: [LayerMatches] = []
        var hygiene: [RuleMatch] = []
        var encrypted: [Range<Int>] = []
        var regions: [(range: Range<Int>, documentPath: String)] = []
        let blob = AnalyzedBlob(provenance: provenance)
        var budget = DecodingAnalyzer.budget(forBlobOf: bytes.count)
        for analyzer in analyzers where analyzer.accepts(blob, bytes: bytes) {
            let analysis = analyzer.analyze(bytes, blob: blob, budget: &budget)
            encrypted += analysis.encrypted
            regions += analysis.regions
            if let reason = analysis.fallback { fallback = reason }
            for derived in analysis.derived {
                let found = derived.bytes.withUnsafeBytes { worker.scan($0) }
                if !found.isEmpty { layers.append(LayerMatches(layer: derived, matches: found)) }
            }
            for made in analysis.matches {
                guard let index = ruleIndex[made.ruleID] else { continue }
                var match = RuleMatch(
                    ruleIndex: index, matchRange: made.matchRange, secretRange: made.secretRange, secret: made.secret,
                    entropy: Entropy.bitsPerByte(made.secret.utf8), validation: .none, confidence: made.confidence,
                    transforms: made.transforms)
                match.documentPath = made.documentPath
                if worker.engine.ruleSet.rules[index].kind == .hygiene { hygiene.append(match) } else { matches.append(match) }
            }
        }
        if !encrypted.isEmpty {
            // Ciphertext (a SealedSecret's, SOPS's) may look random under a secret-named key; it is not a secret.
            func isCiphertext(_ r: Range<Int>) -> Bool { encrypted.contains { $0.contains(r.lowerBound) } }
            matches.removeAll { isCiphertext($0.secretRange) }
            layers.removeAll { isCiphertext($0.layer.rootRange) }
        }
        if !regions.isEmpty {
            for i in matches.indices where matches[i].documentPath == nil {
                let start = matches[i].secretRange.lowerBound
                matches[i].documentPath = regions.first { $0.range.contains(start) }?.documentPath
            }
        }
        if matches.count > 1 {
            matches.sort {
                ($0.matchRange.lowerBound, $0.ruleIndex, $0.matchRange.upperBound)
                    < ($1.matchRange.lowerBound, $1.ruleIndex, $1.matchRange.upperBound)
            }
        }
        guard !matches.isEmpty || !layers.isEmpty || !hygiene.isEmpty else { return FindingBuilder.Output() }
        return builder.findings(in: bytes, origin: Origin(provenance), matches: matches, layers: layers, hygiene: hygiene)
    }
}
