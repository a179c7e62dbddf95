/// How a file of an earlier layer is hidden in the image's final filesystem.
package struct LayerFate: Sendable, Hashable {
    package enum Cause: String, Sendable, Hashable, Codable {
        /// A whiteout (`.wh.NAME`) of the file or of a directory above it.
        case whiteout
        /// An opaque directory (`.wh..wh..opq`) above it.
        case opaqueDirectory = "opaque-directory"
        /// A later layer wrote the same path again.
        case overwritten
        /// A later layer put a file or link where one of its directories was.
        case parentReplaced = "parent-replaced"
    }

    /// The layer that hides it (0 = the base).
    package var layerIndex: Int
    package var cause: Cause

    package init(layerIndex: Int, cause: Cause) {
        self.layerIndex = layerIndex
        self.cause = cause
    }

    /// "deleted in layer 4", "overwritten in layer 2".
    package var phrase: String {
        switch cause {
        case .whiteout: "deleted in layer \(layerIndex)"
        case .opaqueDirectory: "deleted in layer \(layerIndex) (opaque directory)"
        case .overwritten: "overwritten in layer \(layerIndex)"
        case .parentReplaced: "hidden in layer \(layerIndex) (a parent directory was replaced)"
        }
    }
}

/// What one layer holds, by path: enough to tell after the scan whether a file of a lower layer is
/// still in the final filesystem, or only recoverable from the layer that had it.
struct LayerListing: Sendable {
    /// Every path the layer writes (whiteout markers excluded), and whether it is a directory.
    private(set) var entries: [String: Bool] = [:]
    /// Paths the layer deletes from the layers below (`.wh.NAME`).
    private(set) var whiteouts: Set<String> = []
    /// Directories whose lower-layer content the layer hides (`.wh..wh..opq`).
    private(set) var opaqueDirectories: Set<String> = []

    static let maximumMembers = 2_000_000
    static let whiteoutPrefix = ".wh."
    static let opaqueMarker = ".wh..wh..opq"

    /// Records a member at `path` (normalized: no leading `./` or `/`, no trailing `/`). Returns
    /// whether it was a whiteout marker, which has no content worth scanning.
    @discardableResult
    mutating func record(_ path: String, isDirectory: Bool) -> Bool {
        // A layer of millions of members (built to exhaust memory) stops being listed; its files
        // are still scanned, and fates past the cap are not known.
        guard entries.count + whiteouts.count + opaqueDirectories.count < Self.maximumMembers else { return Self.isMarker(path) }
        let (parent, name) = Self.split(path)
        if name == Self.opaqueMarker {
            opaqueDirectories.insert(parent)
            return true
        }
        if name.hasPrefix(Self.whiteoutPrefix) {
            let target = String(name.dropFirst(Self.whiteoutPrefix.count))
            whiteouts.insert(parent.isEmpty ? target : parent + "/" + target)
            return true
        }
        entries[path] = isDirectory
        return false
    }

    /// Whether `path` is a whiteout marker.
    static func isMarker(_ path: String) -> Bool {
        split(path).name.hasPrefix(whiteoutPrefix)
    }

    /// How this layer hides `path` of a layer below it, if it does.
    func hides(_ path: String) -> LayerFate.Cause? {
        let ancestors = Self.ancestors(of: path)
        if whiteouts.contains(path) || ancestors.contains(where: whiteouts.contains) { return .whiteout }
        if ancestors.contains(where: opaqueDirectories.contains) || opaqueDirectories.contains("") { return .opaqueDirectory }
        if entries[path] != nil { return .overwritten }
        if ancestors.contains(where: { entries[$0] == false }) { return .parentReplaced }
        return nil
    }

    /// `a/b/c` → `["a", "a/b"]`.
    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = Substring(path)
        while let slash = current.lastIndex(of: "/") {
            current = current[..<slash]
            if !current.isEmpty { result.append(String(current)) }
        }
        return result
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
