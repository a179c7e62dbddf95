import Foundation

/// What to scan and how: the library side of `hush scan`'s flags.
package struct ScanOptions: Sendable {
    /// The default for `--max-file-size`: 25 MiB.
    package static let defaultMaxFileSize = 25 << 20

    /// Files and directories to scan, as the user wrote them; `-` is standard input.
    package var paths: [String]
    /// `--exclude` globs (see `PathGlob`), applied with each root's `.hushignore`.
    package var exclude: [String]
    /// Files larger than this are skipped.
    package var maxFileSize: Int
    /// Worker threads; each has its own engine scratch and read buffer.
    package var threads: Int
    /// Which findings to keep.
    package var filter: FindingFilter
    /// Which history of the repositories met is read.
    package var history: GitHistoryOptions
    /// Show a progress line on standard error (the CLI sets it when stderr is a terminal).
    package var progress = false
    /// False for `--no-suppress`: every finding is reported, however it would be hidden.
    package var suppress = true
    /// Archive levels opened inside files and image layers (`app.jar!lib/inner.jar!x.yml` is two);
    /// 0 leaves archives closed (images are still read).
    package var maxArchiveDepth = Self.defaultMaxArchiveDepth
    /// Read the `.hush.yaml` and `.hushignore` fingerprints of each repository met inside a scanned
    /// folder (`RepositorySettings`); false for `--no-config` (their `.hushignore` globs still apply).
    package var repositoryConfiguration = true
    /// The default for `--max-archive-depth`.
    package static let defaultMaxArchiveDepth = 2

    package init(
        paths: [String], exclude: [String] = [], maxFileSize: Int = Self.defaultMaxFileSize,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, filter: FindingFilter = FindingFilter(),
        history: GitHistoryOptions = GitHistoryOptions()
    ) {
        self.paths = paths
        self.exclude = exclude
        self.maxFileSize = maxFileSize
        self.threads = threads
        self.filter = filter
        self.history = history
    }
}
