import Foundation

/// What to scan and how: the library side of `hush scan`'s flags.
public struct ScanOptions: Sendable {
    /// The default for `--max-file-size`: 25 MiB.
    public static let defaultMaxFileSize = 25 << 20

    /// Files and directories to scan, as the user wrote them; `-` is standard input.
    public var paths: [String]
    /// `--exclude` globs (see `PathGlob`), applied with each root's `.hushignore`.
    public var exclude: [String]
    /// Files larger than this are skipped.
    public var maxFileSize: Int
    /// Worker threads; each has its own engine scratch and read buffer.
    public var threads: Int
    /// Which findings to keep.
    public var filter: FindingFilter

    public init(
        paths: [String], exclude: [String] = [], maxFileSize: Int = Self.defaultMaxFileSize,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, filter: FindingFilter = FindingFilter()
    ) {
        self.paths = paths
        self.exclude = exclude
        self.maxFileSize = maxFileSize
        self.threads = threads
        self.filter = filter
    }
}
