import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// A rule with test defaults; `examples`/`counterExamples` only matter to the loader's field check.
func testRule(
    _ id: String, _ pattern: String, group: Int = 0, keywords: [String] = ["x"], minEntropy: Double? = nil,
    validate: String? = nil, windowLines: Int? = nil
) -> Rule {
    Rule(
        id: id, name: id, description: "test rule", pattern: pattern, secretGroup: group, keywords: keywords,
        minEntropy: minEntropy, validate: validate, windowLines: windowLines,
        examples: [Rule.Example(text: "unused", secret: "unused")], counterExamples: ["unused"])
}

/// Tests never write to the user's cache directory unless they choose a directory themselves.
let uncached = ScanEngine.Options(cacheDirectory: nil)

func makeEngine(_ rules: [Rule], options: ScanEngine.Options = uncached) throws -> ScanEngine {
    var set = RuleSet()
    for rule in rules { try set.add(rule, file: "tests.yaml") }
    return try ScanEngine(ruleSet: set, options: options)
}

func scan(_ engine: ScanEngine, _ bytes: [UInt8]) -> [RuleMatch] {
    let worker = engine.makeWorker()
    return bytes.withUnsafeBytes { worker.scan($0) }
}

/// Asserts the engine finds exactly the marked secrets, at the marked places.
func expectFindsExactlyMarked(
    _ engine: ScanEngine, _ marked: MarkedText, sourceLocation: SourceLocation = #_sourceLocation
) {
    let found = scan(engine, marked.bytes)
    #expect(found.map(\.secret) == marked.secrets.map(\.secret), sourceLocation: sourceLocation)
    #expect(found.map(\.secretRange) == marked.secrets.map(\.range), sourceLocation: sourceLocation)
    // Where a marker names its rule, that rule must be the one that found it.
    for (match, expected) in zip(found, marked.secrets) where expected.rule != nil {
        #expect(engine.ruleSet.rules[match.ruleIndex].id == expected.rule, sourceLocation: sourceLocation)
    }
}

/// Files under `Fixtures/engine`.
enum EngineFixture {
    static func text(_ name: String) throws -> String {
        try Fixtures.text("engine/" + name)
    }
}
