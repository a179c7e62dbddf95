import Testing
@testable import HushScan

@Suite struct RuleSetTests {
    @Test func builtinRulesLoad() throws {
        let set = try RuleSet.builtin()
        #expect(!set.rules.isEmpty)
    }
}
