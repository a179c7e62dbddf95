import Foundation

/// The paths a scan leaves out: `--exclude` globs plus the lines of a root's `.hushignore`.
///
/// `.hushignore` format (deliberately a small subset of `.gitignore`): one `PathGlob` per line,
/// relative to the directory holding the file; blank lines and lines starting with `#` are
/// ignored; trailing spaces are dropped. Negation (`!pattern`) is not supported: such lines are
/// ignored, so a later line can never re-include what an earlier one excluded.
package struct PathFilter: Sendable, Hashable {
    /// The name of the ignore file read at each directory root.
    package static let ignoreFileName = ".hushignore"

    package private(set) var globs: [PathGlob]

    package init(globs: [PathGlob] = []) {
        self.globs = globs
    }

    package init(patterns: [String]) {
        globs = patterns.map(PathGlob.init)
    }

    /// The globs in the text of a `.hushignore` file (its fingerprint lines are not globs).
    package static func parseIgnoreFile(_ text: String) -> [PathGlob] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            var line = Substring(raw)
            while line.last == " " || line.last == "\t" { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("!"), !isFingerprint(line) else { return nil }
            return PathGlob(String(line))
        }
    }

    /// The fingerprint lines of a `.hushignore` file (64 hex digits, as `--write-ignore` appends
    /// them under a comment naming rule, path and line): findings hidden by the ignore list.
    package static func fingerprints(inIgnoreFile text: String, path: String) -> [HushConfiguration.IgnoreEntry] {
        var entries: [HushConfiguration.IgnoreEntry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard isFingerprint(Substring(line)) else { continue }
            entries.append(.init(fingerprint: line.lowercased(), reason: nil, expires: nil, source: "\(path):\(index + 1)"))
        }
        return entries
    }

    private static func isFingerprint(_ line: Substring) -> Bool {
        line.count == 64 && line.allSatisfy(\.isHexDigit)
    }

    /// This filter with more globs.
    package func adding(_ more: [PathGlob]) -> PathFilter {
        PathFilter(globs: globs + more)
    }

    /// Whether the entry at `relativePath` itself is excluded (its ancestors are not consulted).
    package func excludes(_ relativePath: String, isDirectory: Bool) -> Bool {
        globs.contains { $0.matches(relativePath, isDirectory: isDirectory) }
    }

    /// Whether `relativePath` or any directory above it is excluded.
    package func excludesPathOrAncestor(_ relativePath: String, isDirectory: Bool) -> Bool {
        if excludes(relativePath, isDirectory: isDirectory) { return true }
        var components = relativePath.split(separator: "/")
        while components.count > 1 {
            components.removeLast()
            if excludes(components.joined(separator: "/"), isDirectory: true) { return true }
        }
        return false
    }
}
