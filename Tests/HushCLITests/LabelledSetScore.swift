import Foundation
import HushScan

/// Scores a hush JSON report against `Fixtures/labelled/labels.json` with the matching rules of
/// `Benchmarks/labelled/score.py` (see Benchmarks/README.md, "How findings are matched"):
///
/// 1. Every finding is a record (path, line, end line, value), and so is every part of a paired
///    finding, with its own line and value. Paths are relative to the labelled tree.
/// 2. A record covers a positive label in the same file when
///    a. its lines overlap the label's and its value relates to the label (one of the label's forms,
///       `secret` or `values`, is contained in the value, or the value, 8+ characters, is contained
///       in a form); a record on labelled lines whose value relates to none of them covers them
///       all (labels never share a line); or
///    b. on any line, its value contains one of the label's forms of 12+ characters.
/// 3. A positive is found when some record covers it. A record that covers nothing and is not on
///    an `ignore` line is a false positive, counted once per (path, line).
/// precision = found / (found + false positives); recall = found / positives.
struct LabelledSetScore {
    struct Label: Decodable {
        var id: String
        var path: String
        var line: Int
        var endLine: Int
        var kind: String
        var fileType: String?
        var secret: String
        var values: [String]?

        enum CodingKeys: String, CodingKey {
            case id, path, line, kind, secret, values
            case endLine = "end_line"
            case fileType = "file_type"
        }

        /// The label's secret and the other spellings a report may give it (decoded, whole URL, ...).
        var forms: [String] { ([secret] + (values ?? [])).filter { !$0.isEmpty } }
    }

    struct Labels: Decodable {
        var files: [String: String]
        var positives: [Label]
        var negatives: [Label]
        var ignore: [Label]?
    }

    struct Record {
        var path: String
        var line: Int
        var endLine: Int
        var value: String?
    }

    var positives: Int
    var found: Set<String>
    /// "path:line" of every false positive.
    var falsePositives: Set<String>
    var missed: [Label]

    var precision: Double { Self.ratio(found.count, found.count + falsePositives.count) }
    var recall: Double { Self.ratio(found.count, positives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// The records of a report: each finding, and each part of a paired finding. Hygiene findings
    /// (a practice, not a secret) are not scored, as score.py leaves them out.
    static func records(of report: ReportDocument) -> [Record] {
        func shown(_ value: String) -> String? { value.contains("…") ? nil : value }
        return report.findings.filter { $0.kind != .hygiene }.flatMap { finding in
            [Record(path: finding.path, line: finding.line, endLine: finding.endLine, value: shown(finding.secret))]
                + (finding.parts ?? []).map {
                    Record(path: finding.path, line: $0.line, endLine: $0.endLine, value: shown($0.secret))
                }
        }
    }

    init(labels: Labels, report: ReportDocument) {
        let byPath = Dictionary(grouping: labels.positives, by: \.path)
        let ignored = Set((labels.ignore ?? []).flatMap { label in (label.line...label.endLine).map { "\(label.path):\($0)" } })
        var found = Set<String>()
        var falsePositives = Set<String>()
        for record in Self.records(of: report) {
            let path = record.path.hasPrefix("./") ? String(record.path.dropFirst(2)) : record.path
            let inFile = byPath[path] ?? []
            let onLines = inFile.filter { $0.line <= record.endLine && record.line <= $0.endLine }
            let related = onLines.filter { Self.relates($0, record.value) }
            var hit = related.isEmpty ? onLines : related
            if let value = record.value {
                hit += inFile.filter { label in
                    !hit.contains { $0.id == label.id } && label.forms.contains { $0.count >= 12 && value.contains($0) }
                }
            }
            if hit.isEmpty {
                if !ignored.contains("\(path):\(record.line)") { falsePositives.insert("\(path):\(record.line)") }
            } else {
                found.formUnion(hit.map(\.id))
            }
        }
        positives = labels.positives.count
        self.found = found
        self.falsePositives = falsePositives
        missed = labels.positives.filter { !found.contains($0.id) }
    }

    private static func relates(_ label: Label, _ value: String?) -> Bool {
        guard let value else { return false }
        return label.forms.contains { form in value.contains(form) || (value.count >= 8 && form.contains(value)) }
    }
}
