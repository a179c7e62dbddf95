import Foundation
import HushScan
import HushTestSupport
import Testing

/// One secret pasted into many files is one entry for a person, and one object per place for a machine.
@Suite("The same secret in many places")
struct RepeatedSecretTests {
    func tree() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        let (shared, _) = TestSecret.token("A")
        let (other, _) = TestSecret.token("B")
        for index in 0..<5 { _ = try scratch.write("service-\(index)/config.env", "SERVICE=svc\(index)\nTOKEN=\(shared)\n") }
        _ = try scratch.write("other/config.env", "TOKEN=\(other)\n")
        return scratch
    }

    @Test("Text: one entry with its count and the first places; --verbose lists every place")
    func textGroups() throws {
        let scratch = try tree()
        let run = try Hush.scan(["--no-color", scratch.path])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "hush-test-token").count - 1 == 2, "one entry per distinct secret:\n\(run.stdout)")
        #expect(run.stdout.contains("the same secret in 4 more places: "), "\(run.stdout)")
        #expect(run.stdout.contains("… (--verbose lists them)"), "\(run.stdout)")
        #expect(run.stdout.contains("6 findings (2 distinct secrets) in 6 files."), "\(run.stdout)")
        let verbose = try Hush.scan(["--no-color", "--verbose", scratch.path])
        #expect(verbose.stdout.contains("the same secret in 4 more places:\n"), "\(verbose.stdout)")
        for index in 1..<5 { #expect(verbose.stdout.contains("service-\(index)/config.env:2"), "place \(index) listed") }
    }

    @Test("JSON: one object per place, sharing a secret_id that differs between secrets")
    func jsonSharesID() throws {
        let scratch = try tree()
        let report = try Hush.scan(["--format", "json", scratch.path]).jsonReport()
        #expect(report.findings.count == 6)
        let ids = Dictionary(grouping: report.findings) { $0.secretID ?? "" }
        #expect(ids.count == 2)
        #expect(ids.values.map(\.count).sorted() == [1, 5])
        #expect(ids.keys.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        #expect(Set(report.findings.map(\.fingerprint)).count == 6, "fingerprints stay per place")
    }
}
