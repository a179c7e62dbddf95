import Foundation

/// GitLab's secret detection report (schema 15.2.4, Fixtures/schemas), which a job publishes with
/// `artifacts: reports: secret_detection:` so findings show in merge requests and the
/// vulnerability report. One vulnerability per finding place; its id is derived from the
/// fingerprint, so the same finding keeps its id across pipelines.
struct GitLabReport {
    let settings: ReportSettings

    static let schemaVersion = "15.2.4"

    struct Report: Encodable {
        var version = GitLabReport.schemaVersion
        var schema = "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v\(GitLabReport.schemaVersion)/dist/secret-detection-report-format.json"
        var scan: Scan
        var vulnerabilities: [Vulnerability]
    }

    struct Scan: Encodable {
        var analyzer: Tool
        var scanner: Tool
        var type = "secret_detection"
        var startTime: String
        var endTime: String
        var status: String

        enum CodingKeys: String, CodingKey {
            case analyzer, scanner, type, status
            case startTime = "start_time"
            case endTime = "end_time"
        }
    }

    struct Tool: Encodable {
        struct Vendor: Encodable { var name: String }
        var id = "hush"
        var name = "hush"
        var version: String
        var vendor = Vendor(name: "hush")
    }

    struct Vulnerability: Encodable {
        var id: String
        var name: String
        var description: String
        var severity: String
        var identifiers: [Identifier]
        var location: Location
        var rawSourceCodeExtract: String

        enum CodingKeys: String, CodingKey {
            case id, name, description, severity, identifiers, location
            case rawSourceCodeExtract = "raw_source_code_extract"
        }
    }

    struct Identifier: Encodable {
        var type: String
        var name: String
        var value: String
    }

    struct Location: Encodable {
        struct Commit: Encodable {
            var sha: String
            var author: String?
            var date: String?
            var message: String?
        }
        var file: String
        var startLine: Int
        var endLine: Int
        var commit: Commit

        enum CodingKeys: String, CodingKey {
            case file, commit
            case startLine = "start_line"
            case endLine = "end_line"
        }
    }

    func render(_ result: ScanResult) -> String {
        let end = Date()
        let tool = Tool(version: settings.toolVersion)
        let report = Report(
            scan: Scan(
                analyzer: tool, scanner: tool, startTime: Self.timestamp(end.addingTimeInterval(-result.seconds)),
                endTime: Self.timestamp(end), status: "success"),
            vulnerabilities: result.findings.flatMap(\.everyPlace).map { vulnerability($0, commits: result.commits) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain string, number or array: encoding cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func vulnerability(_ finding: Finding, commits: [String: GitCommit]) -> Vulnerability {
        var path = Substring(finding.origin.path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        let sha = finding.origin.commit.flatMap { $0.isEmpty ? nil : $0 }
        let commit = sha.flatMap { commits[$0] }
        var description = finding.kind == .hygiene
            ? "\(finding.ruleName): \(finding.secret)."
            : "\(finding.ruleName) (confidence \(finding.confidence.rawValue), validation \(finding.validation.rawValue))."
        if let documentPath = finding.origin.documentPath { description += " At \(documentPath)." }
        return Vulnerability(
            id: Self.uuid(fromHex: finding.fingerprint), name: String(finding.ruleName.prefix(255)),
            description: description, severity: Self.severity(finding),
            identifiers: [Identifier(type: "hush_rule_id", name: "hush rule \(finding.ruleID)", value: finding.ruleID)],
            location: Location(
                file: String(path), startLine: finding.start.line, endLine: finding.end.line,
                commit: Location.Commit(sha: sha ?? "0000000", author: commit?.author, date: commit?.date, message: commit?.message)),
            rawSourceCodeExtract: settings.shownSecret(of: finding))
    }

    /// A leaked credential is GitLab's Critical; less confident ones and practices rank lower.
    static func severity(_ finding: Finding) -> String {
        if finding.kind == .hygiene { return "Low" }
        switch finding.confidence {
        case .high: return "Critical"
        case .medium: return "High"
        case .low: return "Medium"
        }
    }

    /// `2020-01-28T03:26:02`: UTC, no zone suffix, as the schema's pattern wants.
    static func timestamp(_ date: Date) -> String { UTCDate.string(date, UTCDate.secondsWithoutZone) }

    /// The first 32 hex digits of a fingerprint, laid out as a UUID.
    static func uuid(fromHex hex: String) -> String {
        let h = Array(hex.prefix(32))
        guard h.count == 32 else { return hex }
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
