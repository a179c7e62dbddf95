import Foundation

/// A gitignore-style glob over paths relative to a scan root.
///
/// - `*`, `?` and `[...]` match within one path component (`fnmatch(3)` without `FNM_PATHNAME`
///   per component, so they never cross a `/`); `*` also matches names starting with a dot.
/// - `**` as a whole component matches zero or more components: `**/test`, `docs/**`, `a/**/b`.
/// - A pattern without a `/` matches a name at any depth (`*.min.js`, `node_modules`).
/// - A pattern with a `/` is anchored at the root (`vendor/lib`, `/build`).
/// - A trailing `/` matches directories only (`build/`).
package struct PathGlob: Sendable, Hashable {
    /// The pattern as written.
    package let pattern: String
    private let components: [String]
    private let directoryOnly: Bool

    package init(_ pattern: String) {
        self.pattern = pattern
        var body = pattern
        directoryOnly = body.hasSuffix("/")
        while body.hasSuffix("/") { body.removeLast() }
        let anchored = body.contains("/")
        while body.hasPrefix("/") { body.removeFirst() }
        if body.hasPrefix("./") { body.removeFirst(2) }
        var parts = body.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !anchored { parts.insert("**", at: 0) }
        components = parts
    }

    /// Whether the glob matches `relativePath` (components separated by `/`, no leading `./`).
    package func matches(_ relativePath: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        guard !components.isEmpty else { return false }
        let names = relativePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(components[...], names[...])
    }

    private static func match(_ globs: ArraySlice<String>, _ names: ArraySlice<String>) -> Bool {
        guard let glob = globs.first else { return names.isEmpty }
        if glob == "**" {
            let rest = globs.dropFirst()
            // `**` takes zero or more components: try every split point.
            var tail = names
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let name = names.first, fnmatch(glob, name, 0) == 0 else { return false }
        return match(globs.dropFirst(), names.dropFirst())
    }
}
