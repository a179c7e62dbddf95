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

    /// The findings in `bytes` (inline-allowed ones marked), placed at `provenance`, and why the
    /// engine searched the blob only in part, when it did.
    func findings(in bytes: UnsafeRawBufferPointer, at provenance: Provenance) -> (FindingBuilder.Output, failure: String?) {
        let output = build(bytes, at: provenance)
        return (output, worker.takeScanFailure())
    }

    private func build(_ bytes: UnsafeRawBufferPointer, at provenance: Provenance) -> FindingBuilder.Output {
        var matches = worker.scan(bytes, syntax: TextSyntax.of(path: provenance.displayPath, bytes: bytes))
        var layers: [LayerMatches] = []
        let blob = AnalyzedBlob(provenance: provenance)
        var budget = DecodingAnalyzer.budget(forBlobOf: bytes.count)
        for analyzer in analyzers where analyzer.accepts(blob, bytes: bytes) {
            let analysis = analyzer.analyze(bytes, blob: blob, budget: &budget)
            for derived in analysis.derived {
                let found = derived.bytes.withUnsafeBytes { worker.scan($0) }
                if !found.isEmpty { layers.append(LayerMatches(layer: derived, matches: found)) }
            }
            for hygiene in analysis.hygiene {
                guard let index = ruleIndex[hygiene.ruleID] else { continue }
                let secret = hygiene.secret
                matches.append(RuleMatch(
                    ruleIndex: index, matchRange: hygiene.matchRange, secretRange: hygiene.secretRange, secret: secret,
                    entropy: Entropy.bitsPerByte(secret.utf8), validation: .none, confidence: hygiene.confidence))
            }
        }
        if matches.count > 1 {
            matches.sort {
                ($0.matchRange.lowerBound, $0.ruleIndex, $0.matchRange.upperBound)
                    < ($1.matchRange.lowerBound, $1.ruleIndex, $1.matchRange.upperBound)
            }
        }
        guard !matches.isEmpty || !layers.isEmpty else { return FindingBuilder.Output() }
        return builder.findings(in: bytes, origin: Origin(provenance), matches: matches, layers: layers)
    }
}
