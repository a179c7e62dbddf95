import Foundation
import Testing
@testable import HushScan

/// `.hush.yaml` parsing: every setting, and errors that name the file, the line and the fix.
@Suite struct HushConfigurationTests {
    static let full = """
        rules: [extra/rules.yaml]
        disable: [generic-password]
        exclude: ["vendor/**"]
        allow:
          - AKIAIOSFODNN7EXAMPLE
          - regex: "test-[a-z]+"
            rules: [generic-token]
            reason: fixtures
        stopwords: [Dummy]
        entropy:
          github-pat-classic: 4.5
        max_file_size: 2MB
        min_confidence: medium
        fail_on: high
        ignore:
          - fingerprint: \(String(repeating: "ab", count: 32))
            reason: rotated
            expires: 2027-01-31
        """

    @Test func everySettingIsRead() throws {
        let config = try HushConfiguration.parse(Self.full, path: "repo/.hush.yaml")
        #expect(config.ruleFiles == ["repo/extra/rules.yaml"], "rule files are relative to the configuration")
        #expect(config.disabledRules == ["generic-password"])
        #expect(config.exclude == ["vendor/**"])
        #expect(config.allow.map(\.value) == ["AKIAIOSFODNN7EXAMPLE", nil])
        #expect(config.allow[1].regex == "test-[a-z]+" && config.allow[1].rules == ["generic-token"])
        #expect(config.stopwords == ["dummy"])
        #expect(config.entropy == ["github-pat-classic": 4.5])
        #expect(config.maxFileSize == 2_000_000)
        #expect(config.minConfidence == .medium && config.failOn == .high)
        #expect(config.ignore.map(\.expires) == ["2027-01-31"])
    }

    @Test(arguments: [
        ("stopword: [x]\n", 1, "unknown setting \"stopword\""),
        ("exclude: vendor\n", 1, "exclude must be a list"),
        ("fail_on: sometimes\n", 1, "fail_on must be low, medium or high"),
        ("max_file_size: big\n", 1, "max_file_size must be a size"),
        ("allow:\n  - regex: \"([\"\n", 2, "allow regex does not compile"),
        ("allow:\n  - rules: [x]\n", 2, "needs value: or regex:"),
        ("ignore:\n  - fingerprint: abc\n", 2, "64 hex digits"),
        ("ignore:\n  - fingerprint: \(String(repeating: "0", count: 64))\n    expires: soon\n", 3, "expires must be a day"),
        ("entropy:\n  some-rule: 9\n", 2, "0 to 8"),
        ("a: [\n", 2, "not valid YAML"),
    ])
    func errorsNameTheLineAndTheFix(_ text: String, _ line: Int, _ words: String) {
        #expect(throws: ConfigurationError.self) { try HushConfiguration.parse(text, path: ".hush.yaml") }
        do {
            _ = try HushConfiguration.parse(text, path: ".hush.yaml")
        } catch {
            let message = error.errorDescription ?? ""
            #expect(message.hasPrefix(".hush.yaml:\(line): "), "\(message)")
            #expect(message.contains(words), "\(message)")
        }
    }

    @Test func theStarterFileParsesAndSetsNothing() throws {
        let config = try HushConfiguration.parse(HushConfiguration.starter, path: ".hush.yaml")
        #expect(config == { var c = HushConfiguration(); c.files = [".hush.yaml"]; return c }())
    }

    @Test func mergingJoinsListsAndKeepsTheFirstScalars() throws {
        let a = try HushConfiguration.parse("exclude: [a]\nfail_on: high\n", path: "a/.hush.yaml")
        let b = try HushConfiguration.parse("exclude: [b]\nfail_on: low\nmin_confidence: medium\n", path: "b/.hush.yaml")
        let merged = a.merged(with: b)
        #expect(merged.exclude == ["a", "b"])
        #expect(merged.failOn == .high && merged.minConfidence == .medium)
    }

    @Test func ignoreEntriesExpireAfterTheirDay() throws {
        let entry = { (day: String) in HushConfiguration.IgnoreEntry(fingerprint: String(repeating: "a", count: 64), reason: nil, expires: day, source: "x") }
        let today = try #require(IgnoreList.day("2026-12-03"))
        #expect(IgnoreList([entry("2026-12-03")], today: today).fingerprints.count == 1, "the last day still hides")
        #expect(IgnoreList([entry("2026-12-02")], today: today).expired.count == 1)
    }
}
