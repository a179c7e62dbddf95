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

@Suite struct PCRE2LimitTests {
    /// A nested quantifier on a long run with no way to finish backtracks past PCRE2's match limit.
    /// That is not "no match": the worker counts it for the rule, so a scan can say a secret may
    /// hide there.
    @Test func aSearchStoppedByItsLimitIsCountedForItsRule() throws {
        // The back-reference keeps Vectorscan out: the keyword finds the window, PCRE2 explodes in it.
        let engine = try makeEngine([testRule("explosive", #"(k)ey\1?(a+)+b"#, keywords: ["key"])])
        let worker = engine.makeWorker()
        // The "b" after the run defeats PCRE2's required-character shortcut, so it must backtrack.
        let bytes = Array(("key" + String(repeating: "a", count: 40) + "!b\n").utf8)
        #expect(bytes.withUnsafeBytes { worker.scan($0) }.isEmpty)
        #expect(worker.limitHits == [0: 1])
        let fine = Array("keyaab\n".utf8)
        #expect(fine.withUnsafeBytes { worker.scan($0) }.count == 1)
        #expect(worker.limitHits == [0: 1])
    }
}
