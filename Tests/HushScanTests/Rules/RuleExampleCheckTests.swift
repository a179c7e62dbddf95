import Testing
@testable import HushScan

@Suite struct RuleExampleCheckTests {
    static let yaml = """
        rules:
          - id: good-rule
            name: Good
            pattern: 'goodtok_([a-z0-9]{12})'
            secret_group: 1
            keywords: [goodtok_]
            examples:
              - text: 'x = goodtok_a1b2c3d4e5f6'
                secret: a1b2c3d4e5f6
            counter_examples: ['goodtok_short']
          - id: wrong-capture
            name: Captures the prefix too
            pattern: 'wrongcap_([a-z0-9]{12})'
            keywords: [wrongcap_]
            examples:
              - text: 'wrongcap_a1b2c3d4e5f6'
                secret: a1b2c3d4e5f6
            counter_examples: ['nothing here']
          - id: leaky-counter
            name: Counter-example matches
            pattern: 'leaky_[a-z]{4,}'
            keywords: [leaky_]
            examples:
              - text: 'leaky_abcdef'
                secret: leaky_abcdef
            counter_examples: ['leaky_abcd']
          - id: bad-checksum
            name: Example fails its validator
            pattern: 'ghp_[A-Za-z0-9]{36}'
            keywords: [ghp_]
            validate: github-crc32
            examples:
              - text: 'ghp_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq9'
                secret: ghp_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq9
            counter_examples: ['ghp_']
          - id: greedy
            name: Captures more than the example's secret
            pattern: 'greedy_[a-z]{4}'
            keywords: [greedy_]
            examples:
              - text: 'greedy_abcd and greedy_efgh'
                secret: greedy_abcd
            counter_examples: ['greedy_']
          - id: never-matches
            name: Example does not match
            pattern: 'nevermatch_[0-9]{4}'
            keywords: [nevermatch_]
            examples:
              - text: 'nevermatch_12'
                secret: nevermatch_12
            counter_examples: ['x']
        """

    func failures(files: Set<String>? = nil) throws -> [RuleExampleFailure] {
        var set = RuleSet()
        try set.add(yaml: Self.yaml, file: "custom.yaml")
        try set.add(testRule("elsewhere", "elsewhere_[0-9]+"), file: "other.yaml")
        return RuleExampleCheck.failures(engine: try ScanEngine(ruleSet: set, options: uncached), files: files)
    }

    @Test func eachBrokenRuleIsNamedWithWhatWentWrong() throws {
        let found = try failures(files: ["custom.yaml"])
        #expect(found.map(\.ruleID) == ["wrong-capture", "leaky-counter", "bad-checksum", "greedy", "never-matches"])
        #expect(found.allSatisfy { $0.file == "custom.yaml" })
        #expect(found[0].problem == "captured 'wrongcap_a1b2c3d4e5f6' instead of 'a1b2c3d4e5f6'")
        #expect(found[1].problem == "counter-example matched, capturing 'leaky_abcd'")
        #expect(found[2].problem.contains("validator 'github-crc32' says it is invalid"))
        #expect(found[3].problem == "also captured 'greedy_efgh' besides 'greedy_abcd'")
        #expect(found[4].problem == "no match")
        #expect(found[4].errorDescription == "custom.yaml: rule 'never-matches': no match, in example 'nevermatch_12'")
        #expect(found[4].loadError == .invalidRule(
            file: "custom.yaml", ruleID: "never-matches", reason: "no match, in example 'nevermatch_12'"))
    }

    @Test func onlyTheRequestedFilesAreChecked() throws {
        // testRule's placeholder example ("unused") never matches, so the other file fails when included.
        #expect(try failures(files: ["other.yaml"]).map(\.ruleID) == ["elsewhere"])
        #expect(try failures().count == 6)
    }
}
