import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// Secrets inside encoded text (base64, percent-encoding, escapes) are found in the decoded layers
/// and reported at the encoded text, with `decodedBy` saying how they were revealed.
@Suite struct DecodedFindingsTests {
    static let password = "R0CsTy4Qwb8DwkNhFdnXsiVpzz63FfkC"  // synthetic, random-looking

    /// The test rules plus two generic detector rules.
    static func ruleSet() throws -> RuleSet {
        var set = try testRuleSet()
        try set.add(yaml: DetectorRuleTests.yaml, file: "generic.yaml")
        return set
    }

    static func findings(_ text: String) throws -> [Finding] {
        let set = try ruleSet()
        let engine = try ScanEngine(ruleSet: set, options: .init(keepInvalid: true, cacheDirectory: nil))
        let worker = engine.makeWorker()
        return Array(text.utf8).withUnsafeBytes { bytes in
            FindingBuilder(ruleSet: set).findings(
                in: bytes, origin: Origin(path: "f.yaml"), matches: worker.scan(bytes),
                layers: worker.scanDecodedLayers(bytes)
            ).findings
        }
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test func aTokenInAKubernetesSecretValueIsFoundAtTheEncodedValue() throws {
        let token = TestSecret.token()
        let encoded = Self.base64(token.text)
        let text = "kind: Secret\ndata:\n  api: \(encoded)\n  user: YXBw\n"
        let found = try Self.findings(text)
        #expect(found.map(\.ruleID) == ["hush-test-token"])
        let finding = try #require(found.first)
        #expect(finding.secret == token.secret)
        #expect(finding.origin.decodedBy == ["base64"])
        #expect(finding.start == TextPosition(line: 3, column: 8))
        #expect(finding.end == TextPosition(line: 3, column: 8 + encoded.count))
        #expect(finding.snippet.parts == [.text("  api: "), .secret(encoded)])
    }

    @Test func everySecretOfAnEncodedFileIsReported() throws {
        let env = "A=\(TestSecret.token("1").text)\nB=\(TestSecret.token("2").text)\n"
        let found = try Self.findings("config: \(Self.base64(env))\n")
        #expect(found.map(\.secret) == [TestSecret.token("1").secret, TestSecret.token("2").secret])
        #expect(Set(found.map(\.start)) == [TextPosition(line: 1, column: 9)])
    }

    @Test func percentEncodingAndNestedEncodingsAreUndone() throws {
        let percent = "https://h/cb?state=x&t=hushtest%5F\(TestSecret.token("P").secret)"
        let found = try Self.findings("redirect: \(percent)\nblob: \(Self.base64("u = hushtest%5F\(TestSecret.token("N").secret) end"))\n")
        #expect(found.map(\.secret) == [TestSecret.token("P").secret, TestSecret.token("N").secret])
        #expect(found.map(\.origin.decodedBy) == [["percent"], ["base64", "percent"]])
    }

    @Test func aBase64ValueUnderASecretKeyIsJudgedAndReportedDecoded() throws {
        let found = try Self.findings("data:\n  DB_PASSWORD: \(Self.base64(Self.password))\n  API_TOKEN: \(Self.base64("changeme"))\n")
        #expect(found.map(\.ruleID) == ["generic-password"])
        #expect(found.map(\.secret) == [Self.password])
        #expect(found.map(\.origin.decodedBy) == [["base64"]])
    }

    @Test func aDecodedProviderMatchReplacesTheDetectorOnTheSameValue() throws {
        let found = try Self.findings("data:\n  API_TOKEN: \(Self.base64(TestSecret.token().text))\n")
        #expect(found.map(\.ruleID) == ["hush-test-token"])
        #expect(found.map(\.origin.decodedBy) == [["base64"]])
    }

    @Test func aSecretWrittenInTheClearIsNotReportedAgainFromItsEncodedCopyOnTheSameBytes() throws {
        // The token sits in the clear; the escape decoder also sees the quoted string it is in.
        let found = try Self.findings("msg = \"line\\nkey = \(TestSecret.token().text)\\n\"\n")
        #expect(found.count == 1)
        #expect(found.map(\.origin.decodedBy) == [[]])
    }

    @Test func aTreeScanReportsDecodedFindings() throws {
        let dir = try ScratchFolder()
        try dir.write("secret.yaml", "data:\n  token: \(Self.base64(TestSecret.token().text))\n")
        let result = try scan([dir.path])
        #expect(result.findings.map(\.ruleID) == ["hush-test-token"])
        #expect(result.findings.map(\.origin.decodedBy) == [["base64"]])
    }
}
