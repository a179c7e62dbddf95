import Foundation
import Testing

/// `hush scan` of Fixtures/demo with the built-in rules reports exactly what Fixtures/demo/EXPECTED
/// lists, as findings or parts of a paired finding: every planted secret, and none of the
/// look-alikes (see Fixtures/demo/README.md).
@Suite struct DemoProjectTests {
    @Test func demoScanMatchesExpected() throws {
        let demo = Hush.packageRoot.appendingPathComponent("Fixtures/demo").path
        let expectedText = try String(contentsOfFile: demo + "/EXPECTED", encoding: .utf8)
        let expected = Set(expectedText.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map {
            $0.split(separator: " ").joined(separator: " ")
        })
        let run = try Hush.run(["scan", "--format", "json", "."], in: demo)
        #expect(run.status == 1, "\(run.transcript)")
        let report = try run.jsonReport()
        // A paired credential (AWS key id + secret) is one finding; each of its parts is reported too.
        let found = Set(report.findings.flatMap { finding in
            ["\(finding.rule) \(finding.path) \(finding.line)"] + (finding.parts ?? []).map { "\($0.rule) \(finding.path) \($0.line)" }
        })
        #expect(found.subtracting(expected).sorted() == [], "reported but not expected (a look-alike?)")
        #expect(expected.subtracting(found).sorted() == [], "expected but not reported (a planted secret missed)")
        #expect(report.errors.isEmpty)
    }
}
