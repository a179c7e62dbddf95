/// The formats `hush scan --format` writes.
package enum ReportFormat: String, Sendable, CaseIterable {
    /// For people: findings grouped by file, then a summary.
    case text
    /// For programs: the versioned schema in docs/json-schema.md; also what `--baseline` reads.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// One row per finding place, for spreadsheets.
    case csv
    /// JUnit XML: a test case per finding, failed at or above `--fail-on`.
    case junit
    /// GitHub Actions workflow commands: annotations on the pull request.
    case github
    /// A Markdown table for a pull-request comment.
    case markdown
    /// GitLab's secret detection report, for merge requests and the vulnerability report.
    case gitlab

    /// The report of `result` in this format.
    package func render(_ result: ScanResult, settings: ReportSettings) -> String {
        switch self {
        case .text: TextReport(settings: settings).render(result)
        case .json: JSONReport(settings: settings).render(result)
        case .sarif: SARIFReport(settings: settings).render(result)
        case .csv: CSVReport(settings: settings).render(result)
        case .junit: JUnitReport(settings: settings).render(result)
        case .github: GitHubReport(settings: settings).render(result)
        case .markdown: MarkdownReport(settings: settings).render(result)
        case .gitlab: GitLabReport(settings: settings).render(result)
        }
    }
}

/// How to render: choices the user made, and facts about the tool and its rules.
package struct ReportSettings: Sendable {
    package var redaction: Redaction
    /// ANSI colour in text reports.
    package var color: Bool
    /// Text reports list every skipped path.
    package var verbose: Bool
    package var toolVersion: String
    /// The rules the scan ran, for SARIF's rule descriptions.
    package var rules: [Rule]
    /// The confidence from which a finding fails the scan (`--fail-on`): JUnit failures, GitHub errors.
    package var failOn: Rule.Confidence = .low

    package init(redaction: Redaction = .redacted, color: Bool = false, verbose: Bool = false, toolVersion: String, rules: [Rule]) {
        self.redaction = redaction
        self.color = color
        self.verbose = verbose
        self.toolVersion = toolVersion
        self.rules = rules
    }
}

extension ReportSettings {
    /// A finding's `secret` as reports show it: redacted by policy, except a hygiene finding's, which
    /// names its subject (a variable, a file, a Secret) and is never a secret.
    func shownSecret(of finding: Finding) -> String {
        finding.kind == .hygiene ? finding.secret : redaction.apply(finding.secret)
    }
}
