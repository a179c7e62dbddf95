/// Where a blob's bytes came from, as precisely as its source knows it.
///
/// Every finding, skip and read error carries one. Reports write each case with its own keys
/// (docs/json-schema.md); `displayPath` is what groups them in the text report and what
/// fingerprints hash.
package enum Provenance: Sendable, Hashable {
    /// A file, by the path the user wrote (relative stays relative).
    case file(path: String)
    /// Standard input (`-`).
    case standardInput
    /// A blob of a git repository, at `path` in `commit`.
    case gitBlob(repository: String, commit: String, path: String)
    /// A file inside layer `layerIndex` (0 = the base) of an image; `fate` says which later layer
    /// hides it from the final filesystem (nil: still visible, or not yet known during the scan).
    /// Inside an archive in the layer, `path` joins the levels with `!` (`app.jar!BOOT-INF/x.yml`).
    case imageLayerEntry(image: String, layerIndex: Int, layerDigest: String, path: String, fate: LayerFate?)
    /// A field of an image's config, such as `Env[2]` or `history[3].created_by`.
    case imageConfigField(image: String, field: String)

    /// The path findings from standard input carry.
    package static let standardInputPath = "<stdin>"

    /// The path this place is reported under: the file path, the path inside the commit or layer,
    /// or the image with the config field.
    package var displayPath: String {
        switch self {
        case .file(let path): path
        case .standardInput: Self.standardInputPath
        case .gitBlob(_, _, let path): path
        case .imageLayerEntry(_, _, _, let path, _): path
        case .imageConfigField(_, let field): "config:\(field)"
        }
    }

    /// The place as errors and skips name it: for an image, with the image and the layer.
    package var qualifiedPath: String {
        switch self {
        case .imageLayerEntry(let image, let index, let digest, let path, _):
            "\(image) layer \(index) (\(ImageLayout.shortDigest(digest)))" + (path.isEmpty ? "" : ": \(path)")
        case .imageConfigField(let image, let field): "\(image) config:\(field)"
        default: displayPath
        }
    }

    /// What the text report groups findings by: the path, or for an image the image, the layer and
    /// the path inside it.
    package var reportGroup: String {
        switch self {
        case .imageLayerEntry(let image, let index, _, let path, _):
            image + "\u{1}" + Self.padded(index) + "\u{1}" + path
        case .imageConfigField(let image, let field): image + "\u{1}\u{0}" + field
        default: displayPath
        }
    }

    private static func padded(_ index: Int) -> String {
        String(repeating: "0", count: max(0, 8 - String(index).count)) + String(index)
    }

    /// The commit, for a git blob.
    package var commit: String? {
        if case .gitBlob(_, let commit, _) = self { return commit }
        return nil
    }

    /// The layer digest, for an image layer entry.
    package var layerDigest: String? {
        if case .imageLayerEntry(_, _, let digest, _, _) = self { return digest }
        return nil
    }

    /// The layer index, for an image layer entry.
    package var layerIndex: Int? {
        if case .imageLayerEntry(_, let index, _, _, _) = self { return index }
        return nil
    }

    /// Which later layer hides an image layer entry, when one does.
    package var layerFate: LayerFate? {
        if case .imageLayerEntry(_, _, _, _, let fate) = self { return fate }
        return nil
    }

    /// The image, for image layers and config fields.
    package var image: String? {
        switch self {
        case .imageLayerEntry(let image, _, _, _, _), .imageConfigField(let image, _): image
        default: nil
        }
    }

    /// The order of every report: by display path, then the rest of the place.
    package static func reportOrder(_ a: Provenance, _ b: Provenance) -> Bool {
        a.sortKey.lexicographicallyPrecedes(b.sortKey)
    }

    private var sortKey: [String] {
        switch self {
        case .file(let path): [path, "0"]
        case .standardInput: [Self.standardInputPath, "1"]
        case .gitBlob(let repository, let commit, let path): [path, "2", commit, repository]
        case .imageLayerEntry(let image, let index, let digest, let path, _):
            [image, "3", Self.padded(index), path, digest]
        case .imageConfigField(let image, let field): [image, "4", field]
        }
    }
}

/// A decoding or structural step that revealed derived bytes inside a blob. A finding's chain of
/// transforms is listed outermost first; reports write the raw values (`decoded_by` in JSON).
package enum Transform: String, Sendable, Hashable, Codable, CaseIterable {
    case base64
    case percent
    case escapes
    /// A Kubernetes Secret's `data` value (base64 by the API's definition).
    case kubernetesSecretData = "k8s-secret-data"
    /// A JSON document held in an annotation or other string field.
    case annotationJSON = "annotation-json"
}

/// A place a finding is reported at: the root provenance and the transforms that revealed the
/// bytes inside it.
package struct Origin: Sendable, Hashable {
    package var provenance: Provenance
    /// Outermost first; empty for bytes read as they are.
    package var transforms: [Transform]
    /// Where inside a structured document (a Kubernetes manifest, a Dockerfile) the secret sits:
    /// `data.password`, `spec.template.spec.containers[0].env[2].value`, `ARG NPM_TOKEN`.
    package var documentPath: String?

    package init(_ provenance: Provenance, transforms: [Transform] = [], documentPath: String? = nil) {
        self.provenance = provenance
        self.transforms = transforms
        self.documentPath = documentPath
    }

    /// A file at `path`.
    package init(path: String) {
        self.init(.file(path: path))
    }

    package var path: String { provenance.displayPath }

    /// The order of every report.
    package static func reportOrder(_ a: Origin, _ b: Origin) -> Bool {
        if a.provenance != b.provenance { return Provenance.reportOrder(a.provenance, b.provenance) }
        if a.transforms != b.transforms {
            return a.transforms.map(\.rawValue).lexicographicallyPrecedes(b.transforms.map(\.rawValue))
        }
        return (a.documentPath ?? "") < (b.documentPath ?? "")
    }
}
