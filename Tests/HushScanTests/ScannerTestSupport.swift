import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// The rules in Fixtures/rules/test-rules.yaml: shapes no real credential has, independent of the built-ins.
func testRuleSet() throws -> RuleSet {
    var set = RuleSet()
    try set.add(path: Fixtures.testRules)
    return set
}

/// Runs a whole scan of `paths` with the test rules.
func scan(_ paths: [String], threads: Int = 2, configure: (inout ScanOptions) -> Void = { _ in }) throws -> ScanResult {
    var options = ScanOptions(paths: paths, threads: threads)
    configure(&options)
    let engine = try ScanEngine(ruleSet: try testRuleSet(), options: .init(keepInvalid: true, cacheDirectory: nil))
    return try Scan(engine: engine, options: options).run()
}
