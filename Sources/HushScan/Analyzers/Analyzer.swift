/// A blob as an analyzer sees it: where it came from and what its name says it is.
package struct AnalyzedBlob {
    package var provenance: Provenance
    /// The last path component, which analyzers match kinds on (`Dockerfile`, `values.yaml`).
    package var fileName: Substring

    package init(provenance: Provenance) {
        self.provenance = provenance
        let path = provenance.displayPath
        fileName = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
    }
}

/// Bytes an analyzer derived from part of a blob (decoded text, a Secret's value), scanned by the
/// engine as a buffer of their own. Findings in them point back at `rootRange` of the parent, so
/// they keep the parent's line and column.
package struct DerivedBlob: Sendable, Hashable {
    /// Byte offsets, in the parent blob, of the text these bytes came from.
    package var rootRange: Range<Int>
    /// The steps that revealed the bytes, outermost first.
    package var transforms: [Transform]
    package var bytes: [UInt8]

    package init(rootRange: Range<Int>, transforms: [Transform], bytes: [UInt8]) {
        self.rootRange = rootRange
        self.transforms = transforms
        self.bytes = bytes
    }
}

/// A finding an analyzer makes from structure alone (a credential passed as a Dockerfile `ARG`, a
/// literal password in a Pod's `env`): a match of one of its rules, in the parent's offsets.
package struct HygieneMatch: Sendable, Hashable {
    /// The rule it is reported under; rules the rule set lacks are dropped.
    package var ruleID: String
    package var matchRange: Range<Int>
    package var secretRange: Range<Int>
    package var secret: String
    package var confidence: Rule.Confidence?
}

/// What one analyzer made of one blob.
package struct Analysis: Sendable {
    package var derived: [DerivedBlob] = []
    package var hygiene: [HygieneMatch] = []

    package init(derived: [DerivedBlob] = [], hygiene: [HygieneMatch] = []) {
        self.derived = derived
        self.hygiene = hygiene
    }
}

/// A structure-aware reader: given a blob, its provenance and kind, it returns bytes to scan that
/// the raw text hides (decoded values, a Secret's `data`) and hygiene findings of its own.
/// Analyzers run after the engine's pass over the blob as written, each on the whole blob;
/// derived blobs are scanned by the engine, not analyzed again. `budget` is shared by every
/// analyzer of the blob, so a decode bomb runs dry however it is nested.
package protocol Analyzer: Sendable {
    /// Whether this analyzer reads the blob at all (by name, or by its first bytes).
    func accepts(_ blob: AnalyzedBlob, bytes: UnsafeRawBufferPointer) -> Bool
    func analyze(_ bytes: UnsafeRawBufferPointer, blob: AnalyzedBlob, budget: inout DecodeBudget) -> Analysis
}

/// The matches the engine found in one derived blob.
package struct LayerMatches: Sendable {
    /// Where the derived bytes sit in the scanned buffer, and what revealed them.
    package var layer: DerivedBlob
    /// Matches in `layer.bytes`; their ranges are offsets in the derived bytes, not the buffer.
    package var matches: [RuleMatch]

    package init(layer: DerivedBlob, matches: [RuleMatch]) {
        self.layer = layer
        self.matches = matches
    }
}
