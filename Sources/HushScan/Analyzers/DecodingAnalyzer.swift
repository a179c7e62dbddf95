/// Base64, percent-encoding and backslash escapes, looked through up to `depth` layers deep
/// (base64 of a percent-encoded URL is two): every blob, whatever its kind.
package struct DecodingAnalyzer: Analyzer {
    /// Layers of encoding looked through.
    package static let depth = 2
    /// Decoded bytes per blob byte a scan may produce, and the most for any one blob: enough for
    /// every value of a Kubernetes Secret, not enough for a decode bomb to cost more than a few scans.
    package static let budgetFactor = 4
    package static let budgetLimit = 16 << 20

    package init() {}

    /// The budget every analyzer of a blob of `count` bytes shares.
    package static func budget(forBlobOf count: Int) -> DecodeBudget {
        DecodeBudget(bytes: min(budgetFactor * count, budgetLimit))
    }

    package func accepts(_ blob: AnalyzedBlob, bytes: UnsafeRawBufferPointer) -> Bool { true }

    package func analyze(_ bytes: UnsafeRawBufferPointer, blob: AnalyzedBlob, budget: inout DecodeBudget) -> Analysis {
        let layers = EncodedSpanFinder().layers(of: bytes, maxDepth: Self.depth, budget: &budget)
        // DER (a key or certificate in base64) is binary, not text to scan.
        return Analysis(derived: layers.filter { !$0.isDER }.map {
            DerivedBlob(rootRange: $0.rootRange, transforms: $0.encodings, bytes: $0.bytes)
        })
    }
}

extension EngineWorker {
    /// The engine's matches in what `analyzers` derive from `bytes` (the decoding analyzer by
    /// default): only derived blobs with matches are returned, outermost first.
    package func scanDecodedLayers(_ bytes: UnsafeRawBufferPointer) -> [LayerMatches] {
        var budget = DecodingAnalyzer.budget(forBlobOf: bytes.count)
        let analysis = DecodingAnalyzer().analyze(bytes, blob: AnalyzedBlob(provenance: .standardInput), budget: &budget)
        return analysis.derived.compactMap { derived in
            let matches = derived.bytes.withUnsafeBytes { scan($0) }
            return matches.isEmpty ? nil : LayerMatches(layer: derived, matches: matches)
        }
    }
}
