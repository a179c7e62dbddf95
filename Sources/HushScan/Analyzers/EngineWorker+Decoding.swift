/// The matches in one layer of text revealed by decoding part of a buffer (base64, percent-encoding,
/// backslash escapes; nested up to `EngineWorker.decodingDepth` deep).
public struct LayerMatches: Sendable {
    /// Where the outermost encoded text sits in the scanned buffer, and what was undone.
    public var layer: DecodedLayer
    /// Matches in `layer.bytes`; their ranges are offsets in the decoded bytes, not the buffer.
    public var matches: [RuleMatch]
}

extension EngineWorker {
    /// Layers of encoding looked through: base64 of a percent-encoded URL is two.
    static let decodingDepth = 2
    /// Decoded bytes per buffer byte a scan may produce, and the most for any one buffer: enough for
    /// every value of a Kubernetes Secret, not enough for a decode bomb to cost more than a few scans.
    static let decodingBudgetFactor = 4
    static let decodingBudgetLimit = 16 << 20

    /// Decodes the encoded spans of `bytes` (recursively) and scans each decoded layer as a buffer
    /// of its own. Only layers with matches are returned, outermost first.
    public func scanDecodedLayers(_ bytes: UnsafeRawBufferPointer) -> [LayerMatches] {
        var budget = DecodeBudget(bytes: min(Self.decodingBudgetFactor * bytes.count, Self.decodingBudgetLimit))
        let layers = EncodedSpanFinder().layers(of: bytes, maxDepth: Self.decodingDepth, budget: &budget)
        var found: [LayerMatches] = []
        for layer in layers where !layer.isDER {
            let matches = layer.bytes.withUnsafeBytes { scan($0) }
            if !matches.isEmpty { found.append(LayerMatches(layer: layer, matches: matches)) }
        }
        return found
    }
}
