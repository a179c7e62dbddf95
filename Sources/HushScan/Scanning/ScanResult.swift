import Foundation

/// Everything a scan found and did, in report order: what reports render and the exit code is cut from.
package struct ScanResult: Sendable {
    /// Sorted by `Finding.reportOrder`.
    package var findings: [Finding]
    /// Paths that could not be read, sorted by path.
    package var errors: [PathError]
    /// Paths left out on purpose, sorted by path.
    package var skipped: [SkippedPath]
    /// Files an analyzer would have read as structure (a manifest, a Dockerfile) but read as text
    /// only (a Helm template, YAML that does not parse), sorted by path.
    package var readAsText: [StructureFallback] = []
    /// Blobs read, copies of already-scanned content included.
    package var filesScanned: Int
    package var bytesScanned: Int
    /// Wall-clock time of the scan.
    package var seconds: Double
    package var suppressed: SuppressionCounts
    /// What the suppression stage hid, with why, sorted like findings.
    package var suppressedFindings: [SuppressedFinding] = []
    /// Places whose content had been scanned already in this run (their findings are listed as
    /// more `locations` of the first place's).
    package var duplicates = 0
    /// By rule id: PCRE2 searches that stopped on a resource limit, where a secret may hide.
    package var limitHits: [String: Int] = [:]
    /// By sha: the commits that introduced history findings.
    package var commits: [String: GitCommit] = [:]
    /// The repositories whose history was scanned, as SARIF's `versionControlProvenance` names them.
    package var repositories: [GitRepositoryState] = []
    /// What the scan wants the user to know that is neither a finding nor an error (settings of a
    /// repository inside the tree that could not apply, ignore entries past their day). Never a secret.
    package var notes: [String] = []

    package init(
        findings: [Finding] = [], errors: [PathError] = [], skipped: [SkippedPath] = [], filesScanned: Int = 0,
        bytesScanned: Int = 0, seconds: Double = 0, suppressed: SuppressionCounts = SuppressionCounts()
    ) {
        self.findings = findings
        self.errors = errors
        self.skipped = skipped
        self.filesScanned = filesScanned
        self.bytesScanned = bytesScanned
        self.seconds = seconds
        self.suppressed = suppressed
    }

    /// The process exit status this result means: 0 no findings, 1 findings, 2 when `strict` and a
    /// path could not be read (unreadable paths otherwise do not change the status).
    package func exitStatus(strict: Bool) -> Int32 {
        exitStatus(strict: strict, failOn: .low, findingsStatus: 1)
    }

    /// The status with `--fail-on` and `--exit-code`: `findingsStatus` when a finding is at least
    /// `failOn` confident, 0 when every finding is below it. A file the user named that could not be
    /// read (`named`: the files among the paths as typed) is 2 whatever `strict` says: they asked for it.
    package func exitStatus(strict: Bool, failOn: Rule.Confidence, findingsStatus: Int32, named: Set<String> = []) -> Int32 {
        if strict && !errors.isEmpty { return 2 }
        if errors.contains(where: { named.contains($0.path) }) { return 2 }
        return findings.contains { $0.confidence >= failOn } ? findingsStatus : 0
    }

    /// "12 findings in 5 files; 3,120 files scanned in 0.84 s.": what stderr says when the report
    /// goes to a file.
    package var oneLineSummary: String {
        let files = Set(findings.map(\.origin.path)).count
        let found = findings.isEmpty
            ? "No findings"
            : "\(findings.count) finding\(findings.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        let suppressedNote = suppressed.total > 0 ? ", \(suppressed.total) suppressed" : ""
        let errorNote = errors.isEmpty ? "" : ", \(errors.count) path\(errors.count == 1 ? "" : "s") not readable"
        return "\(found)\(suppressedNote)\(errorNote); \(filesScanned) files scanned in "
            + String(format: "%.2f s.", seconds)
    }

    /// How many paths were skipped for each reason that occurred.
    package var skipCounts: [SkipReason: Int] {
        skipped.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
    }
}

/// A file read as text only although its kind has structure, and why.
package struct StructureFallback: Sendable, Hashable {
    package var path: String
    package var reason: String
}
