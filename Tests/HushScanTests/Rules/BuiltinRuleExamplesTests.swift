import Testing
@testable import HushScan

/// The built-in rules (patterns/*.yaml) must honour their own examples through the real engine.
@Suite struct BuiltinRuleExamplesTests {
    @Test func everyBuiltinRuleMatchesItsExamplesAndNotItsCounterExamples() throws {
        let engine = try ScanEngine(ruleSet: try RuleSet.builtin(), options: uncached)
        let failures = RuleExampleCheck.failures(engine: engine)
        for failure in failures {
            Issue.record(Comment(rawValue: failure.errorDescription ?? "\(failure)"))
        }
        #expect(failures.isEmpty, "\(failures.count) rule example(s) failed; each is recorded above")
    }
}
