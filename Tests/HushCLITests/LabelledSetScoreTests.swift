import Foundation
@testable import HushScan
import Testing

/// Detection quality as a regression test: `hush scan` of Fixtures/labelled/tree (400 planted
/// positives, 456 hard negatives, 22 file types; see Benchmarks/README.md) scored the way
/// Benchmarks/labelled/score.py scores it (`LabelledSetScore`). When this was written hush scored
/// precision 1.000 and recall 1.000 (400/400, no false positive); the floors leave room for two
/// or three misses or false positives before the suite fails.
@Suite struct LabelledSetScoreTests {
    static let minimumPrecision = 0.99
    static let minimumRecall = 0.99

    static let labelled = Hush.packageRoot.appendingPathComponent("Fixtures/labelled")

    @Test func precisionAndRecallStayAboveTheirFloors() throws {
        let labels = try JSONDecoder().decode(
            LabelledSetScore.Labels.self, from: Data(contentsOf: Self.labelled.appendingPathComponent("labels.json")))
        let run = try Hush.run(
            ["scan", "--show-secrets", "--format", "json", "."], in: Self.labelled.appendingPathComponent("tree").path)
        #expect(run.status == 1, "\(run.transcript)")
        let score = LabelledSetScore(labels: labels, report: try run.jsonReport())
        let summary = String(
            format: "precision %.3f recall %.3f F1 %.3f (%d/%d found, %d false positives)", score.precision, score.recall,
            score.f1, score.found.count, score.positives, score.falsePositives.count)
        let missed = score.missed.map { "\($0.path):\($0.line) \($0.kind)" }
        #expect(score.precision >= Self.minimumPrecision, "\(summary); false positives: \(score.falsePositives.sorted())")
        #expect(score.recall >= Self.minimumRecall, "\(summary); missed: \(missed)")
    }

    @Test func theScorerCountsWhatScorePyCounts() throws {
        // A hand-made report: one finding per rule of score.py's matching.
        let labels = LabelledSetScore.Labels(
            files: ["a.env": "env"],
            positives: [
                .init(id: "P1", path: "a.env", line: 1, endLine: 1, kind: "password", fileType: "env", secret: "s3cr3t-value-one"),
                .init(id: "P2", path: "a.env", line: 2, endLine: 2, kind: "aws", fileType: "env", secret: "AKIAABCDEFGHIJKLMNOP"),
                .init(id: "P3", path: "a.env", line: 3, endLine: 3, kind: "k8s", fileType: "env", secret: "c2VjcmV0", values: ["secret-decoded"]),
                .init(id: "P4", path: "a.env", line: 4, endLine: 4, kind: "password", fileType: "env", secret: "never-reported-1"),
            ],
            negatives: [], ignore: [.init(id: "I1", path: "a.env", line: 9, endLine: 9, kind: "key-id", secret: "x")])
        func finding(_ line: Int, _ secret: String, parts: [(Int, String)] = []) -> ReportDocument.FindingRecord {
            ReportDocument.FindingRecord(
                rule: "r", ruleName: "R", path: "./a.env", line: line, column: 1, endLine: line, endColumn: 2, secret: secret,
                fingerprint: "", confidence: .high, entropy: 0, validation: .none,
                parts: parts.isEmpty ? nil : parts.map { .init(rule: "p", line: $0.0, column: 1, endLine: $0.0, endColumn: 2, secret: $0.1) })
        }
        let report = ReportDocument(
            version: 1, tool: .init(name: "hush", version: "0"), secretsRedacted: false,
            findings: [
                finding(1, "s3cr3t-value-one"),  // 2a: same line, related value
                finding(5, "x", parts: [(2, "AKIAABCDEFGHIJKLMNOP")]),  // a part covers P2; the finding is a false positive
                finding(3, "secret-decoded"),  // 2a through a decoded form
                finding(7, "unrelated"), finding(7, "other"),  // one false-positive location
                finding(9, "ignored-line"),
            ],
            errors: [],
            stats: .init(files: 1, bytes: 1, skipped: [:], suppressed: .init(inlineAllow: 0, baseline: 0, filtered: 0),
                         errors: 0, seconds: 0, findings: 6))
        let score = LabelledSetScore(labels: labels, report: report)
        #expect(score.found == ["P1", "P2", "P3"])
        #expect(score.falsePositives == ["a.env:5", "a.env:7"])
        #expect(score.missed.map(\.id) == ["P4"])
        #expect(score.recall == 0.75 && score.precision == 0.6)
    }
}
