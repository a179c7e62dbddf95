import Foundation

/// One row per finding place, RFC 4180: for spreadsheets and ad-hoc scripts. Cells a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) are prefixed with `'`.
struct CSVReport {
    let settings: ReportSettings

    static let header = [
        "rule", "rule_name", "kind", "path", "line", "column", "end_line", "end_column", "secret", "confidence",
        "validation", "fingerprint", "secret_id", "commit", "decoded_by", "document_path",
    ]

    func render(_ result: ScanResult) -> String {
        var out = Self.header.joined(separator: ",") + "\r\n"
        for finding in result.findings.flatMap(\.everyPlace) {
            let cells = [
                finding.ruleID, finding.ruleName, finding.kind.rawValue, finding.origin.path, String(finding.start.line),
                String(finding.start.column), String(finding.end.line), String(finding.end.column),
                settings.shownSecret(of: finding), finding.confidence.rawValue, finding.validation.rawValue, finding.fingerprint,
                finding.secretID, finding.origin.commit ?? "", finding.origin.decodedBy.joined(separator: " "),
                finding.origin.documentPath ?? "",
            ]
            out += cells.map(Self.cell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func cell(_ value: String) -> String {
        var v = value
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if let first = v.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first) { v = "'" + v }
        guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
