import Testing
@testable import HushScan

/// Rules whose matches come from `GenericAssignmentDetector` (`detector: generic-assignment`):
/// loading, engine routing, example checks and overlap with pattern rules.
@Suite struct DetectorRuleTests {
    static let password = "R0CsTy4Qwb8DwkNhFdnXsiVpzz63FfkC"  // synthetic, random-looking

    static let yaml = """
        rules:
          - id: generic-password
            name: Password
            detector: generic-assignment
            confidence: high
            examples:
              - text: 'DB_PASSWORD=\(password)'
                secret: \(password)
            counter_examples: ['DB_PASSWORD=changeme']
          - id: generic-token
            name: Token
            detector: generic-assignment
            confidence: medium
            examples:
              - text: 'API_TOKEN=\(password)'
                secret: \(password)
            counter_examples: ['API_TOKEN=${API_TOKEN}']
        """

    func detectorRules(extra: [Rule] = []) throws -> RuleSet {
        var set = RuleSet()
        try set.add(yaml: Self.yaml, file: "generic.yaml")
        for rule in extra { try set.add(rule, file: "tests.yaml") }
        return set
    }

    @Test func aDetectorRuleNeedsNoPatternOrKeywords() throws {
        let set = try detectorRules()
        #expect(set.rules.map(\.detector) == [.genericAssignment, .genericAssignment])
        #expect(set.rules.allSatisfy { $0.pattern.isEmpty && $0.keywords.isEmpty })
    }

    @Test(arguments: [
        ("pattern: 'x'", "pattern cannot be used with detector 'generic-assignment'"),
        ("keywords: [x]", "keywords cannot be used with detector 'generic-assignment'"),
        ("min_entropy: 3", "min_entropy cannot be used with detector 'generic-assignment'"),
        ("validate: jwt", "validate cannot be used with detector 'generic-assignment'"),
    ])
    func patternFieldsAreRefusedOnDetectorRules(_ field: String, _ reason: String) {
        let yaml = """
            rules:
              - id: generic-token
                name: T
                detector: generic-assignment
                \(field)
                examples: [{text: 'a', secret: 'a'}]
                counter_examples: ['b']
            """
        var set = RuleSet()
        #expect(throws: RuleLoadError.invalidRule(file: "f.yaml", ruleID: "generic-token", reason: reason)) {
            try set.add(yaml: yaml, file: "f.yaml")
        }
    }

    @Test func aDetectorRuleMustUseAnIdTheDetectorEmits() {
        let yaml = """
            rules:
              - id: generic-thing
                name: T
                detector: generic-assignment
                examples: [{text: 'a', secret: 'a'}]
                counter_examples: ['b']
            """
        var set = RuleSet()
        #expect {
            try set.add(yaml: yaml, file: "f.yaml")
        } throws: { error in
            guard case .invalidRule(_, "generic-thing", let reason) = error as? RuleLoadError else { return false }
            return reason.hasPrefix("detector 'generic-assignment' emits only ") && reason.contains("generic-password")
        }
    }

    @Test func theEngineRoutesDetectorRulesAroundVectorscan() throws {
        let engine = try ScanEngine(ruleSet: try detectorRules(extra: [testRule("tok", "tok_[a-z]{6}")]), options: uncached)
        #expect(engine.routes == [.detector, .detector, .vectorscan])
        #expect(engine.fallbackRuleIDs.isEmpty)
    }

    @Test func detectorMatchesCarryTheJudgedConfidenceCappedByTheRule() throws {
        let engine = try ScanEngine(ruleSet: try detectorRules(), options: uncached)
        let text = "DB_PASSWORD=\(Self.password)\nAPI_TOKEN=\(Self.password)\nDB_PASSWORD=Summer2024!\nTOKEN=changeme\n"
        let found = scan(engine, Array(text.utf8))
        #expect(found.map(\.ruleIndex) == [0, 1, 0])
        #expect(found.map(\.secret) == [Self.password, Self.password, "Summer2024!"])
        // generic-token is capped at medium; a person's password is low.
        #expect(found.map(\.confidence) == [.high, .medium, .low])
        let bytes = Array(text.utf8)
        #expect(found.allSatisfy { String(decoding: bytes[$0.secretRange], as: UTF8.self) == $0.secret })
    }

    @Test func anEngineWithOnlyDetectorRulesStillScans() throws {
        let engine = try ScanEngine(ruleSet: try detectorRules(), options: uncached)
        #expect(engine.routes.allSatisfy { $0 == .detector })
        #expect(scan(engine, Array("password: \(Self.password)\n".utf8)).map(\.secret) == [Self.password])
    }

    @Test func exampleChecksRunThroughTheDetector() throws {
        #expect(RuleExampleCheck.failures(engine: try ScanEngine(ruleSet: try detectorRules(), options: uncached)).isEmpty)
        let broken = """
            rules:
              - id: generic-secret
                name: S
                detector: generic-assignment
                examples: [{text: 'SECRET=changeme', secret: changeme}]
                counter_examples: ['SECRET=\(Self.password)']
            """
        var set = RuleSet()
        try set.add(yaml: broken, file: "broken.yaml")
        let failures = RuleExampleCheck.failures(engine: try ScanEngine(ruleSet: set, options: uncached))
        #expect(failures.map(\.problem) == [
            "matched 'changeme' but dropped it: the detector judged it not a secret (placeholder)",
            "counter-example matched, capturing '\(Self.password)'",
        ])
    }

    @Test func aPatternRuleOnTheSameBytesWinsOverTheDetector() throws {
        // The pattern rule is only `low`, the detector's match `high`: the pattern still stands.
        var weak = testRule("tok", "tok_[A-Za-z0-9]{20,}")
        weak.confidence = .low
        let set = try detectorRules(extra: [weak])
        let engine = try ScanEngine(ruleSet: set, options: uncached)
        let text = "API_TOKEN=tok_\(Self.password)\n"
        let bytes = Array(text.utf8)
        let matches = scan(engine, bytes)
        #expect(Set(matches.map(\.ruleIndex)) == [1, 2])
        let findings = bytes.withUnsafeBytes {
            FindingBuilder(ruleSet: set).findings(in: $0, origin: Origin(path: "f"), matches: matches).findings
        }
        #expect(findings.map(\.ruleID) == ["tok"])
        #expect(findings.map(\.confidence) == [.low])
    }

    @Test func aFailedChecksumStillSilencesTheDetectorOnItsBytes() throws {
        let set = try detectorRules(extra: [testRule("gh", "ghp_[A-Za-z0-9]{36}", validate: "github-crc32")])
        let engine = try ScanEngine(ruleSet: set, options: ScanEngine.Options(keepInvalid: true, cacheDirectory: nil))
        let text = "GITHUB_TOKEN=ghp_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq9\n"  // checksum deliberately wrong
        let bytes = Array(text.utf8)
        let matches = scan(engine, bytes)
        #expect(matches.contains { $0.validation == .invalid })
        #expect(matches.contains { $0.ruleIndex == 1 })
        let findings = bytes.withUnsafeBytes {
            FindingBuilder(ruleSet: set).findings(in: $0, origin: Origin(path: "f"), matches: matches).findings
        }
        #expect(findings.isEmpty)
    }
}
