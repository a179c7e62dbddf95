import Foundation
import Testing
@testable import HushScan

/// The two halves of a credential (`pairs_with`) near each other make one finding with both parts;
/// apart they stay separate, and a `pair_only` half alone is no finding. Details read offline.
@Suite struct PairedFindingsTests {
    static let yaml = """
        rules:
          - id: acme-key-id
            name: Acme key id
            pattern: '\\b(AKID[A-Z0-9]{12})\\b'
            secret_group: 1
            keywords: [AKID]
            confidence: medium
            examples: [{text: 'id = AKIDABCDEFGH2345', secret: AKIDABCDEFGH2345}]
            counter_examples: ['AKIDshort']
          - id: acme-account
            name: Acme account name
            pattern: 'AcmeAccount=([a-z0-9]{3,24})'
            secret_group: 1
            keywords: [AcmeAccount]
            confidence: low
            pair_only: true
            examples: [{text: 'AcmeAccount=shop01', secret: shop01}]
            counter_examples: ['AcmeAccount=']
          - id: acme-secret
            name: Acme secret
            pattern: 'acme_secret\\s*=\\s*([A-Za-z0-9]{24})'
            secret_group: 1
            keywords: [acme_secret]
            confidence: high
            pairs_with: [acme-key-id, acme-account]
            examples: [{text: 'acme_secret = R0CsTy4Qwb8DwkNhFdnXsiVp', secret: R0CsTy4Qwb8DwkNhFdnXsiVp}]
            counter_examples: ['acme_secret = short']
        """
    static let secret1 = "R0CsTy4Qwb8DwkNhFdnXsiVp"  // synthetic
    static let secret2 = "KY40uvSwMFLZDe1f8rESQedU"  // synthetic

    static func ruleSet() throws -> RuleSet {
        var set = RuleSet()
        try set.add(yaml: yaml, file: "pairs.yaml")
        return set
    }

    static func findings(_ text: String) throws -> [Finding] {
        let set = try ruleSet()
        let engine = try ScanEngine(ruleSet: set, options: uncached)
        let worker = engine.makeWorker()
        return Array(text.utf8).withUnsafeBytes {
            FindingBuilder(ruleSet: set).findings(in: $0, origin: Origin(path: "creds"), matches: worker.scan($0)).findings
        }
    }

    @Test func nearHalvesMakeOneFindingWithBothParts() throws {
        let found = try Self.findings("[default]\nacme_key_id = AKIDABCDEFGH2345\nacme_secret = \(Self.secret1)\n")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.ruleID == "acme-secret" && finding.secret == Self.secret1)
        #expect(finding.start == TextPosition(line: 3, column: 15))
        #expect(finding.parts.map(\.ruleID) == ["acme-key-id", "acme-secret"])
        #expect(finding.parts.map(\.secret) == ["AKIDABCDEFGH2345", Self.secret1])
        #expect(finding.parts.map(\.start) == [TextPosition(line: 2, column: 15), TextPosition(line: 3, column: 15)])
        #expect(finding.fingerprint == Fingerprint.of(ruleID: "acme-secret", path: "creds", secret: "AKIDABCDEFGH2345\u{0}" + Self.secret1))
    }

    @Test func eachSecretTakesTheNearestIdentifier() throws {
        let text = "a = AKIDAAAAAAAAAAA1\nacme_secret = \(Self.secret1)\n\nb = AKIDBBBBBBBBBBB2\nacme_secret = \(Self.secret2)\n"
        let found = try Self.findings(text)
        #expect(found.map { $0.parts.map(\.secret) } == [
            ["AKIDAAAAAAAAAAA1", Self.secret1], ["AKIDBBBBBBBBBBB2", Self.secret2],
        ])
    }

    @Test func distantHalvesStaySeparateAndAnIdentifierIsReportedAlone() throws {
        let text = "id = AKIDABCDEFGH2345\n" + String(repeating: "filler\n", count: 8) + "acme_secret = \(Self.secret1)\n"
        let found = try Self.findings(text)
        #expect(found.map(\.ruleID) == ["acme-key-id", "acme-secret"])
        #expect(found.allSatisfy { $0.parts.isEmpty })
    }

    @Test func aPairOnlyHalfIsReportedOnlyInItsPair() throws {
        #expect(try Self.findings("AcmeAccount=shop01\n").isEmpty)
        let found = try Self.findings("conn = \"AcmeAccount=shop01;acme_secret = \(Self.secret1)\"\n")
        #expect(found.map(\.ruleID) == ["acme-secret"])
        #expect(found.first?.parts.map(\.ruleID) == ["acme-account", "acme-secret"])
    }

    @Test func pairFieldsAreChecked() throws {
        var set = RuleSet()
        let selfPair = Self.yaml.replacingOccurrences(of: "pairs_with: [acme-key-id, acme-account]", with: "pairs_with: [acme-secret]")
        #expect(throws: RuleLoadError.invalidRule(file: "p.yaml", ruleID: "acme-secret", reason: "pairs_with names the rule itself")) {
            try set.add(yaml: selfPair, file: "p.yaml")
        }
        var partial = RuleSet()
        let missing = Self.yaml.replacingOccurrences(of: "acme-key-id, acme-account]", with: "acme-key-id, acme-gone]")
        try partial.add(yaml: missing, file: "p.yaml")
        #expect(partial.unknownPairs.map(\.missing) == ["acme-gone"])
        #expect(try Self.ruleSet().unknownPairs.isEmpty)
        #expect(try RuleSet.builtin().unknownPairs.isEmpty)
    }

    @Test func detailsNameTheAWSAccountAndWhetherAJWTExpired() {
        // Synthetic key id whose body encodes account 123456789012 (see the AWS validator tests).
        #expect(FindingDetails.of(["AKIARZPUZDIKKEOANPKG"]) == [FindingDetails.awsAccountID: .text("123456789012")])
        #expect(FindingDetails.of(["AKIAAAAAAAAADM5YDGQG"]).isEmpty)  // old format carries no account
        func jwt(exp: Int) -> String {
            func part(_ json: String) -> String {
                Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            }
            return part("{\"alg\":\"HS256\"}") + "." + part("{\"sub\":\"svc\",\"exp\":\(exp)}") + ".c2lnbmF0dXJlc2lnbmF0dXJl"
        }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(FindingDetails.of([jwt(exp: 1_700_000_000)], now: now) == [
            FindingDetails.expiresAt: .text("2023-11-14T22:13:20Z"), FindingDetails.expired: .flag(true),
        ])
        #expect(FindingDetails.of([jwt(exp: 1_900_000_000)], now: now)[FindingDetails.expired] == .flag(false))
    }

    @Test func reportsShowBothPartsRedactedAndTheDetails() throws {
        let found = try Self.findings("id = AKIDABCDEFGH2345\nacme_secret = \(Self.secret1)\n")
        var finding = try #require(found.first)
        finding.details = [FindingDetails.awsAccountID: .text("123456789012")]
        let result = ScanResult(findings: [finding], filesScanned: 1)
        let settings = ReportSettings(redaction: .redacted, color: false, toolVersion: "1", rules: try Self.ruleSet().rules)
        let text = ReportFormat.text.render(result, settings: settings)
        #expect(text.contains("part 1:6  acme-key-id  AKID…"))
        #expect(text.contains("part 2:15  acme-secret  R0Cs…"))
        #expect(text.contains("aws account id: 123456789012"))
        #expect(!text.contains(Self.secret1) && !text.contains("AKIDABCDEFGH2345"))
        let json = ReportFormat.json.render(result, settings: settings)
        let record = try #require(try JSONDecoder().decode(ReportDocument.self, from: Data(json.utf8)).findings.first)
        #expect(record.parts?.map(\.rule) == ["acme-key-id", "acme-secret"])
        #expect(record.parts?.map(\.secret) == ["AKID…", "R0Cs…"])
        #expect(record.parts?.map(\.line) == [1, 2])
        #expect(record.details == [FindingDetails.awsAccountID: .text("123456789012")])
        let sarif = ReportFormat.sarif.render(result, settings: settings)
        #expect(sarif.contains("\"relatedLocations\"") && !sarif.contains(Self.secret1))
    }
}
