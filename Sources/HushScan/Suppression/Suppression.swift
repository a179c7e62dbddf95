/// The one stage that hides findings, after they are built and placed: `hush:allow` comments
/// (marked by `FindingBuilder`), `--min-confidence` and `--only-valid`, then `--baseline`. Each
/// place of a finding is decided on its own, so a baseline entry for one copy of a file does not
/// hide another. Path exclusions (`--exclude`, `.hushignore`) are decided by `PathFilter` in this
/// room too, but at walk time: an excluded directory is never read, which is what makes them cheap.
struct Suppression: Sendable {
    enum Reason: String, Sendable, Hashable {
        case inlineAllow = "inline_allow", filtered, baseline, allowlist, ignored, excluded
    }

    let filter: FindingFilter
    /// `--no-suppress`: nothing is hidden.
    var enabled = true
    /// The settings of repositories met inside the scanned folders, each for the places under it.
    var repositories: [RepositorySettings] = []

    /// Why `finding` is hidden, or nil to report it.
    func reason(for finding: Finding) -> Reason? {
        guard enabled else { return nil }
        if finding.inlineAllowed { return .inlineAllow }
        var verdict = filter.verdict(for: finding)
        if verdict == .keep, let hidden = repositories.lazy.compactMap({ $0.verdict(for: finding) }).first { verdict = hidden }
        switch verdict {
        case .keep: return nil
        case .inBaseline: return .baseline
        case .filteredOut: return .filtered
        case .allowlisted: return .allowlist
        case .ignored: return .ignored
        case .excluded: return .excluded
        }
    }

    /// The places of one finding that survive, counting the rest by reason into `counts` and
    /// keeping them, with why, in `hidden` (what an audit reviews).
    func surviving(_ places: [Finding], counts: inout SuppressionCounts, hidden: inout [SuppressedFinding]) -> [Finding] {
        places.filter { place in
            guard let reason = reason(for: place) else { return true }
            switch reason {
            case .inlineAllow: counts.inlineAllow += 1
            case .filtered: counts.filtered += 1
            case .baseline: counts.baseline += 1
            case .allowlist: counts.allowlist += 1
            case .ignored: counts.ignored += 1
            case .excluded: counts.excluded += 1
            }
            hidden.append(SuppressedFinding(finding: place, reason: reason.rawValue))
            return false
        }
    }
}

/// A finding a suppression hid, and which one: `inline_allow`, `filtered`, `baseline`,
/// `allowlist`, `ignored` or `excluded`.
package struct SuppressedFinding: Sendable {
    package var finding: Finding
    package var reason: String
}
