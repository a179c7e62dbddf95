import Foundation
import Testing
@testable import HushScan

/// Text with the expected secrets marked inline as `⟦secret⟧`, so a test reads like the fixture it
/// scans: `marked.bytes` is the text without the markers, `marked.secrets` the expected secrets and
/// their byte ranges.
struct MarkedText {
    var bytes: [UInt8]
    var secrets: [(secret: String, range: Range<Int>)]

    init(_ text: String) {
        bytes = []
        secrets = []
        var openedAt: Int?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "⟦": openedAt = bytes.count
            case "⟧":
                guard let start = openedAt else { continue }
                secrets.append((String(decoding: bytes[start...], as: UTF8.self), start..<bytes.count))
                openedAt = nil
            default: bytes += Array(String(scalar).utf8)
            }
        }
    }
}

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
}

/// Files under `Fixtures/engine`.
enum EngineFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/engine")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
