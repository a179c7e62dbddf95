import Testing
@testable import HushScan

@Suite struct EngineErrorTests {
    @Test func aPatternPCRE2RejectsNamesTheRuleAndTheOffset() {
        #expect {
            try makeEngine([testRule("ok", "fine_[a-z]+"), testRule("broken", "abc(def")])
        } throws: { error in
            guard case EngineError.badPattern(let ruleID, let reason) = error else { return false }
            return ruleID == "broken" && reason.contains("at byte 7")
                && (error as? EngineError)?.errorDescription?.contains("rule 'broken'") == true
        }
    }

    @Test func aSecretGroupThePatternLacksIsAnError() {
        #expect(throws: EngineError.missingSecretGroup(ruleID: "no-group", group: 2, groupCount: 1)) {
            try makeEngine([testRule("no-group", "key_([a-z]+)", group: 2)])
        }
    }

    @Test func anUnknownValidatorIsALoadErrorNamingTheRule() {
        var set = RuleSet()
        #expect {
            try set.add(testRule("mystery", "m_[a-z]+", validate: "crystal-ball"), file: "custom.yaml")
        } throws: { error in
            guard case RuleLoadError.invalidRule(let file, let ruleID, let reason) = error else { return false }
            return file == "custom.yaml" && ruleID == "mystery" && reason.contains("crystal-ball")
        }
    }

    @Test func engineErrorsBecomeLoadErrorsNamingTheFile() throws {
        var set = RuleSet()
        try set.add(testRule("broken", "abc(def"), file: "mine.yaml")
        do {
            _ = try ScanEngine(ruleSet: set, options: uncached)
            Issue.record("a pattern PCRE2 rejects must not compile")
        } catch {
            guard case .invalidRule(let file, let ruleID, let reason) = error.loadError(in: set) else {
                Issue.record("expected invalidRule, got \(error.loadError(in: set))")
                return
            }
            #expect(file == "mine.yaml" && ruleID == "broken")
            #expect(reason.hasPrefix("pattern does not compile: "))
            #expect(error.errorDescription == "rule 'broken': \(reason)")
        }
    }
}
