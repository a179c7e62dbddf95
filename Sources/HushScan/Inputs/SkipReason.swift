/// Why the scanner chose not to read a path. Not an error: nothing went wrong.
public enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
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

    /// A short phrase for summaries, e.g. "2 binary".
    public var phrase: String {
        switch self {
        case .binary: "binary"
        case .tooLarge: "too large"
        case .specialFile: "not a regular file"
        case .symlink: "symlink into the tree"
        case .symlinkOutsideTree: "symlink out of the tree"
        case .excluded: "excluded"
        case .duplicate: "already scanned"
        }
    }

    public static func < (lhs: SkipReason, rhs: SkipReason) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A path the scanner did not read, and why.
public struct SkippedPath: Sendable, Hashable, Codable {
    public var path: String
    public var reason: SkipReason

    public init(path: String, reason: SkipReason) {
        self.path = path
        self.reason = reason
    }
}

/// A path the scanner tried to read and could not. Listed in every report; `--strict` makes it fatal.
public struct PathError: Sendable, Hashable, Codable {
    public var path: String
    /// What went wrong, in words (the system's message for errno, or a sentence of ours).
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
