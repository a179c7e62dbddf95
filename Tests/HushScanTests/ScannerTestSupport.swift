import Foundation
import Testing
@testable import HushScan

/// A fresh directory under the system temp folder, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hush-scan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` at `relative`, creating folders; returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + relative, withDestinationPath: target)
    }

    func fifo(_ relative: String) throws {
        #expect(mkfifo(path + "/" + relative, 0o644) == 0, "mkfifo failed: \(String(cString: strerror(errno)))")
    }
}

/// The rules in Fixtures/rules/test-rules.yaml: shapes no real credential has, independent of the built-ins.
func testRuleSet() throws -> RuleSet {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/rules/test-rules.yaml").path
    var set = RuleSet()
    try set.add(path: file)
    return set
}

/// A synthetic token for the `hush-test-token` rule; `seed` makes distinct ones.
func testToken(_ seed: Character = "A") -> (text: String, secret: String) {
    let secret = "Q7vK2mZp9XwL4rTbNc3" + String(seed)
    return ("hushtest_" + secret, secret)
}

/// Runs a whole scan of `paths` with the test rules.
func scan(_ paths: [String], threads: Int = 2, configure: (inout ScanOptions) -> Void = { _ in }) throws -> ScanResult {
    var options = ScanOptions(paths: paths, threads: threads)
    configure(&options)
    let engine = try ScanEngine(ruleSet: try testRuleSet(), options: .init(keepInvalid: true, cacheDirectory: nil))
    return try Scan(engine: engine, options: options).run()
}
