/// The folders a scan was given, as typed: fingerprints hash a finding's path relative to the one
/// it was found under, so `cd app && hush scan .`, `hush scan app` and `hush scan /abs/app` give
/// the same fingerprints and one baseline serves them all (a CI job run from another directory
/// keeps its baseline).
package struct FingerprintRoots: Sendable {
    private let roots: [String]

    package init(_ paths: [String]) {
        roots = paths.map(Self.normalized).sorted { $0.count > $1.count }  // the deepest root a path is under speaks
    }

    /// A folder as typed, without a leading `./` or trailing `/`; `.` is "".
    package static func normalized(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return p == "." ? "" : String(p)
    }

    /// `path` relative to the longest root it is under; a root that is the file itself, or no
    /// root, leaves it as typed (without a leading `./`).
    package func relative(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        for root in roots where !root.isEmpty {
            if root == "/" , p.hasPrefix("/") { return String(p.dropFirst()) }
            if p.hasPrefix(root + "/") { return String(p.dropFirst(root.count + 1)) }
        }
        return String(p)
    }
}

extension Finding {
    /// This finding with its fingerprints (its own and each place's) over paths relative to `roots`.
    package func fingerprinted(relativeTo roots: FingerprintRoots) -> Finding {
        var rebased = self
        rebased.fingerprint = Fingerprint.of(ruleID: ruleID, path: roots.relative(origin.path), secret: fingerprintSecret)
        rebased.locations = locations.map { location in
            var place = location
            place.fingerprint = Fingerprint.of(ruleID: ruleID, path: roots.relative(location.origin.path), secret: fingerprintSecret)
            return place
        }
        return rebased
    }
}
