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
    /// Where in a structured document the bytes sit (`metadata.annotations.x`), when known.
    package var documentPath: String?

    package init(rootRange: Range<Int>, transforms: [Transform], bytes: [UInt8], documentPath: String? = nil) {
        self.rootRange = rootRange
        self.transforms = transforms
        self.bytes = bytes
        self.documentPath = documentPath
    }
}

/// A match an analyzer makes from structure (a Secret's `data.password` judged under its key, a
/// credential passed as a Dockerfile `ARG`), in the parent's offsets. Matches of secret rules
/// compete with the engine's for their bytes (one secret, one finding); matches of hygiene rules
/// stand beside them.
package struct AnalyzerMatch: Sendable, Hashable {
    /// The rule it is reported under; rules the rule set lacks are dropped.
    package var ruleID: String
    package var matchRange: Range<Int>
    package var secretRange: Range<Int>
    /// The secret (decoded when `transforms` is not empty), or for a hygiene rule its subject.
    package var secret: String
    package var confidence: Rule.Confidence?
    /// Encodings undone to get `secret` from the bytes at `secretRange`, outermost first.
    package var transforms: [Transform]
    /// Where in the document the value sits (`data.password`,
    /// `spec.template.spec.containers[0].env[2].value`, `stage build: ARG`).
    package var documentPath: String?

    package init(
        ruleID: String, range: Range<Int>, secret: String, confidence: Rule.Confidence? = nil,
        transforms: [Transform] = [], documentPath: String? = nil
    ) {
        self.ruleID = ruleID
        matchRange = range
        secretRange = range
        self.secret = secret
        self.confidence = confidence
        self.transforms = transforms
        self.documentPath = documentPath
    }

    /// A hygiene match: `subject` names what the practice exposes (a variable, a file, a Secret).
    package init(ruleID: String, range: Range<Int>, subject: String, documentPath: String? = nil) {
        self.init(ruleID: ruleID, range: range, secret: subject, documentPath: documentPath)
    }
}

/// What one analyzer made of one blob.
package struct Analysis: Sendable {
    package var derived: [DerivedBlob] = []
    package var matches: [AnalyzerMatch] = []
    /// Ranges that structure says are ciphertext or references to a secret store (a SealedSecret's
    /// `encryptedData`, SOPS `ENC[…]` values): no match inside them is reported.
    package var encrypted: [Range<Int>] = []
    /// Parts of the blob and where they sit in its structure (a Dockerfile instruction and its
    /// stage): a match in one that knows no document path of its own is given this one.
    package var regions: [(range: Range<Int>, documentPath: String)] = []
    /// Why the analyzer read the blob only as text (a Helm template, YAML that does not parse):
    /// `--verbose` lists these.
    package var fallback: String?

    package init(derived: [DerivedBlob] = [], matches: [AnalyzerMatch] = [], fallback: String? = nil) {
        self.derived = derived
        self.matches = matches
        self.fallback = fallback
    }
}

/// A structure-aware reader: given a blob, its provenance and kind, it returns bytes to scan that
/// the raw text hides (decoded values, annotation JSON) and matches of its own rules.
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
