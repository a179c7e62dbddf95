import Foundation

/// GitHub Actions workflow commands: one `::error` (or `::warning`, below `--fail-on`) per finding
/// place, which the runner turns into annotations on the pull request's diff, then a `::notice`
/// summary. Values are escaped as the runner expects (`%`, CR, LF; in properties also `:` and `,`).
struct GitHubReport {
    let settings: ReportSettings

    func render(_ result: ScanResult) -> String {
        var out = ""
        let places = result.findings.flatMap(\.everyPlace)
        for finding in places {
            let level = finding.confidence >= settings.failOn ? "error" : "warning"
            let properties = [
                "file=" + Self.property(Self.relative(finding.origin.path)),
                "line=\(finding.start.line)", "col=\(finding.start.column)",
                "endLine=\(finding.end.line)", "endColumn=\(finding.end.column)",
                "title=" + Self.property("hush: \(finding.ruleName)"),
            ]
            var message = "\(finding.ruleID): \(settings.shownSecret(of: finding)) (confidence \(finding.confidence.rawValue)"
            if let path = finding.origin.documentPath { message += ", at \(path)" }
            if let commit = finding.origin.commit, !commit.isEmpty { message += ", commit \(commit.prefix(12))" }
            message += ")"
            out += "::\(level) \(properties.joined(separator: ","))::\(Self.data(message))\n"
        }
        let summary = places.isEmpty
            ? "hush: no findings in \(result.filesScanned) files"
            : "hush: \(places.count) finding\(places.count == 1 ? "" : "s") in \(Set(places.map(\.origin.path)).count) files"
        out += "::notice title=hush::\(Self.data(summary))\n"
        return out
    }

    /// Annotations resolve paths against the workspace: no `./`.
    static func relative(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }

    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
