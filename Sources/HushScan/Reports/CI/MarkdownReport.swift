import Foundation

/// A Markdown table for a pull-request comment: one row per finding place, secrets redacted unless
/// asked, cells escaped so a path or value cannot break the table or inject markup.
struct MarkdownReport {
    let settings: ReportSettings

    func render(_ result: ScanResult) -> String {
        let places = result.findings.flatMap(\.everyPlace)
        guard !places.isEmpty else {
            return "### hush: no secrets found\n\nScanned \(result.filesScanned) files.\n"
        }
        let files = Set(places.map(\.origin.path)).count
        var out = "### hush: \(places.count) finding\(places.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n\n"
        out += "| | Rule | Location | Secret | Confidence |\n| --- | --- | --- | --- | --- |\n"
        for finding in places {
            let mark = finding.kind == .hygiene ? "🧹" : (finding.confidence >= settings.failOn ? "🔴" : "🟡")
            var location = "\(finding.origin.path):\(finding.start.line)"
            if let path = finding.origin.documentPath { location += " (\(path))" }
            if let commit = finding.origin.commit, !commit.isEmpty { location += " @ \(commit.prefix(10))" }
            out += "| \(mark) | \(Self.cell(finding.ruleID)) | \(Self.code(location)) | \(Self.code(settings.shownSecret(of: finding))) | \(finding.confidence.rawValue) |\n"
        }
        out += "\n🔴 at or above the failing confidence (\(settings.failOn.rawValue)), 🟡 below it, 🧹 a practice that leaks a secret.\n"
        return out
    }

    static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case _ where c.isNewline: out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// Inline code: its content is not markup; the fence is one backtick longer than the longest
    /// run of backticks inside, so nothing in it can close the span.
    static func code(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 }).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return fence + " " + flat + " " + fence
    }
}
