import Foundation
import Testing
@testable import HushScan

/// Reports rendered from a hand-made result: they must render what they are given, and never a secret.
@Suite struct ReportTests {
    static let secret = "Zq81LmNoPqRsTuVwXy23"

    private func result() -> ScanResult {
        let snippet = Snippet(parts: [.text("token = \""), .secret(Self.secret), .text("\"")])
        let finding = Finding(
            ruleID: "hush-test-token", ruleName: "Hush test token",
            origin: Origin(.gitBlob(repository: "repo", commit: "abc123", path: "dir with space/a#b.py"), transforms: [.base64]),
            start: TextPosition(line: 3, column: 10), end: TextPosition(line: 3, column: 30), secret: Self.secret,
            confidence: .high, entropy: 4.3219280948873622, validation: .valid,
            fingerprint: Fingerprint.of(ruleID: "hush-test-token", path: "dir with space/a#b.py", secret: Self.secret),
            snippet: snippet)
        return ScanResult(
            findings: [finding], errors: [PathError(path: "locked.txt", reason: "Permission denied")],
            skipped: [SkippedPath(path: "x.bin", reason: .binary), SkippedPath(path: "y.bin", reason: .binary)],
            filesScanned: 7, bytesScanned: 12_345, seconds: 0.25, suppressed: SuppressionCounts(inlineAllow: 2))
    }

    private func settings(_ redaction: Redaction = .redacted, color: Bool = false) throws -> ReportSettings {
        ReportSettings(redaction: redaction, color: color, toolVersion: "9.9.9", rules: try testRuleSet().rules)
    }

    @Test(arguments: ReportFormat.allCases)
    func noFormatShowsTheSecretUnlessAsked(format: ReportFormat) throws {
        let redacted = format.render(result(), settings: try settings())
        #expect(!redacted.contains(Self.secret))
        #expect(!redacted.contains(String(Self.secret.prefix(5))))
        #expect(redacted.contains("Zq81…"))
        let shown = format.render(result(), settings: try settings(.shown))
        #expect(shown.contains(Self.secret))
    }

    @Test func jsonDecodesBackToTheSameFacts() throws {
        let json = ReportFormat.json.render(result(), settings: try settings())
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8))
        #expect(document.version == 1 && document.tool == .init(name: "hush", version: "9.9.9"))
        #expect(document.secretsRedacted)
        let record = try #require(document.findings.first)
        #expect(record.rule == "hush-test-token" && record.path == "dir with space/a#b.py")
        #expect((record.line, record.column, record.endLine, record.endColumn) == (3, 10, 3, 30))
        #expect(record.entropy == 4.322 && record.validation == .valid && record.confidence == .high)
        #expect(record.commit == "abc123" && record.layer == nil && record.decodedBy == ["base64"])
        #expect(document.errors == [PathError(path: "locked.txt", reason: "Permission denied")])
        #expect(document.stats.skipped["binary"] == 2 && document.stats.skipped["too-large"] == 0)
        #expect(document.stats.suppressed.inlineAllow == 2 && document.stats.files == 7 && document.stats.findings == 1)
        #expect(!json.contains("\"layer\""))
    }

    @Test func sarifHasWhatCodeScanningNeeds() throws {
        let sarif = ReportFormat.sarif.render(result(), settings: try settings())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "hush" && driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["hush-test-token"])
        #expect((rules[0]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        #expect(((rules[0]["properties"] as? [String: Any])?["tags"] as? [String])?.contains("security") == true)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "hush-test-token" && result["ruleIndex"] as? Int == 0)
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir%20with%20space/a%23b.py")
        let region = try #require(location["region"] as? [String: Int])
        #expect(region == ["startLine": 3, "startColumn": 10, "endLine": 3, "endColumn": 30])
        #expect((result["partialFingerprints"] as? [String: String])?["hush/v1"]?.count == 64)
    }

    @Test func sarifURIsAreRelativeReferencesOrFileURIs() {
        #expect(SARIFReport.uri(forPath: "./src/a.swift") == "src/a.swift")
        #expect(SARIFReport.uri(forPath: "/abs/p q.txt") == "file:///abs/p%20q.txt")
        #expect(SARIFReport.uri(forPath: "c:odd") == "c%3Aodd")
        #expect(SARIFReport.uri(forPath: "<stdin>") == "%3Cstdin%3E")
    }

    @Test func textGroupsByFileAndSummarises() throws {
        let text = ReportFormat.text.render(result(), settings: try settings())
        // Grouped by file; a history finding says which commit introduced it, under the finding.
        #expect(text.contains("dir with space/a#b.py\n"))
        #expect(text.contains("history: introduced in abc123"))
        #expect(text.contains("  3:10  hush-test-token  Hush test token  Zq81…  [high, valid, decoded: base64]\n"))
        #expect(text.contains("token = \"Zq81…\""))
        #expect(text.contains("1 finding in 1 file."))
        #expect(text.contains("Scanned 7 files, 12.3 KB"))
        #expect(text.contains("Skipped 2: 2 binary"))
        #expect(text.contains("Suppressed 2: 2 by hush:allow comments."))
        #expect(text.contains("locked.txt: Permission denied"))
        #expect(!text.contains("\u{1B}["))
        #expect(ReportFormat.text.render(result(), settings: try settings(color: true)).contains("\u{1B}["))
    }

    @Test func emptyResultSaysSo() throws {
        let text = ReportFormat.text.render(ScanResult(), settings: try settings())
        #expect(text.hasPrefix("No findings."))
    }
}
