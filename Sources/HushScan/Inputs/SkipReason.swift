/// Why the scanner chose not to read a path. Not an error: nothing went wrong.
package enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A NUL byte in the first 8 KiB.
    case binary
    /// Larger than `--max-file-size`.
    case tooLarge = "too-large"
    /// A FIFO, socket or device: reading it could block or have side effects.
    case specialFile = "special-file"
    /// A symbolic link to something inside the scanned tree, which is scanned under its own path.
    case symlink
    /// A symbolic link to something outside every scanned root; never followed.
    case symlinkOutsideTree = "symlink-outside-tree"
    /// Matched `--exclude` or the root's `.hushignore`.
    case excluded
    /// Reached a second time (overlapping roots, bind mounts).
    case duplicate
    /// A symbolic link whose target does not exist (test data often keeps one on purpose).
    case brokenSymlink = "broken-symlink"
    /// An archive inside a file or an image layer that could not be read to its end (truncated,
    /// corrupt, or only looking like an archive); what could be read of it was scanned.
    case unreadableArchive = "unreadable-archive"

    /// A short phrase for summaries, e.g. "2 binary".
    package var phrase: String {
        switch self {
        case .binary: "binary"
        case .tooLarge: "too large"
        case .specialFile: "not a regular file"
        case .symlink: "symlink into the tree"
        case .symlinkOutsideTree: "symlink out of the tree"
        case .excluded: "excluded"
        case .duplicate: "already scanned"
        case .brokenSymlink: "broken symlink"
        case .unreadableArchive: "archive not readable to its end"
        }
    }

    package static func < (lhs: SkipReason, rhs: SkipReason) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A place the scanner did not read, and why.
package struct SkippedPath: Sendable, Hashable {
    package var provenance: Provenance
    package var reason: SkipReason

    package init(provenance: Provenance, reason: SkipReason) {
        self.provenance = provenance
        self.reason = reason
    }

    /// A file at `path`.
    package init(path: String, reason: SkipReason) {
        self.init(provenance: .file(path: path), reason: reason)
    }

    package var path: String { provenance.qualifiedPath }
}

/// A place the scanner tried to read and could not. Listed in every report; `--strict` makes it fatal.
public struct PathError: Sendable, Hashable, Codable {
    package var provenance: Provenance
    /// What went wrong, in words (the system's message for errno, or a sentence of ours).
    public var reason: String

    package init(provenance: Provenance, reason: String) {
        self.provenance = provenance
        self.reason = reason
    }

    /// A file at `path`.
    package init(path: String, reason: String) {
        self.init(provenance: .file(path: path), reason: reason)
    }

    public var path: String { provenance.qualifiedPath }

    enum CodingKeys: String, CodingKey {
        case path, reason
    }

    /// Reports write the place's path and the reason (docs/json-schema.md).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(reason, forKey: .reason)
    }

    /// A decoded error is a file's (the JSON keeps only the path).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(path: try container.decode(String.self, forKey: .path), reason: try container.decode(String.self, forKey: .reason))
    }
}
