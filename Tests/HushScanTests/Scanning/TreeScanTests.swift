import Foundation
import Testing
@testable import HushScan

@Suite struct TreeScanTests {
    /// A tree with findings in several files, some suppressed, and things to skip.
    private func makeTree() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for index in 0..<40 {
            let token = testToken(Character(String(index % 10)))
            try dir.write("pkg\(index % 4)/file\(index).txt", "line one\nkey = \(token.text)\n")
        }
        try dir.write("weak.txt", "w = hushweak_k3j9x2m8q7w1\n")
        try dir.write("allowed.txt", "k = \(testToken("Z").text) # hush:allow\n")
        try dir.write("data.bin", bytes: [1, 0, 2])
        return dir
    }

    @Test func resultsAreTheSameWithOneThreadOrMany() throws {
        let dir = try makeTree()
        let one = try scan([dir.path], threads: 1)
        let many = try scan([dir.path], threads: 6)
        #expect(one.findings.count == 41)
        #expect(one.findings == many.findings)
        #expect(one.skipped == many.skipped && one.filesScanned == many.filesScanned)
        #expect(one.findings.map(\.origin.path) == one.findings.map(\.origin.path).sorted())
        #expect(one.filesScanned == 42 && one.suppressed.inlineAllow == 1)
        #expect(one.skipCounts == [.binary: 1])
        #expect(one.bytesScanned > 0)
    }

    @Test func filtersAndBaselineAreCounted() throws {
        let dir = try makeTree()
        let all = try scan([dir.path])
        let baseline = Baseline(fingerprints: Set(all.findings.prefix(5).map(\.fingerprint)))
        let filtered = try scan([dir.path]) {
            $0.filter = FindingFilter(minConfidence: .medium, onlyValid: false, baseline: baseline)
        }
        #expect(filtered.findings.count == 41 - 5 - 1)
        #expect(filtered.suppressed == SuppressionCounts(inlineAllow: 1, baseline: 5, filtered: 1))
        let valid = try scan([dir.path]) { $0.filter = FindingFilter(onlyValid: true) }
        #expect(valid.findings.isEmpty && valid.suppressed.filtered == 41)
    }

    @Test func onlyValidKeepsValidatedFindings() {
        let finding = Finding(
            ruleID: "r", ruleName: "R", origin: Origin(path: "p"), start: TextPosition(line: 1, column: 1),
            end: TextPosition(line: 1, column: 2), secret: "s", confidence: .high, entropy: 0, validation: .valid,
            fingerprint: "f", snippet: Snippet(parts: []))
        #expect(FindingFilter(onlyValid: true).verdict(for: finding) == .keep)
        var unchecked = finding
        unchecked.validation = .none
        #expect(FindingFilter(onlyValid: true).verdict(for: unchecked) == .filteredOut)
        #expect(FindingFilter(baseline: Baseline(fingerprints: ["f"])).verdict(for: finding) == .inBaseline)
    }

    @Test func oversizeAndUnreadableFilesAreReportedNotFatal() throws {
        let dir = try TemporaryDirectory()
        try dir.write("big.txt", String(repeating: "x", count: 2000) + testToken().text)
        try dir.symlink("dangling", to: "missing")
        try dir.write("ok.txt", testToken().text)
        let result = try scan([dir.path]) { $0.maxFileSize = 1000 }
        #expect(result.findings.map(\.origin.path) == ["\(dir.path)/ok.txt"])
        #expect(result.skipped == [SkippedPath(path: "\(dir.path)/big.txt", reason: .tooLarge)])
        #expect(result.errors.map(\.path) == ["\(dir.path)/dangling"])
    }
}

@Suite struct WorkQueueTests {
    @Test func aFullQueueMakesTheProducerWaitAndLosesNothing() {
        let queue = WorkQueue(capacity: 3)
        let consumed = ResultSink()
        let done = DispatchGroup()
        for _ in 0..<2 {
            done.enter()
            Thread {
                var partial = ScanResult()
                while let item = queue.pop() {
                    if case .file(let entry) = item { partial.skipped.append(SkippedPath(path: entry.displayPath, reason: .binary)) }
                }
                consumed.add(partial)
                done.leave()
            }.start()
        }
        for index in 0..<500 {
            queue.push(.file(FileEntry(displayPath: "\(index)", nativePath: NativePath("\(index)"))))
        }
        queue.close()
        done.wait()
        let paths = consumed.all.flatMap(\.skipped).map(\.path)
        #expect(paths.count == 500 && Set(paths).count == 500)
    }
}

@Suite struct ExitStatusTests {
    @Test func statusFollowsFindingsAndStrictErrors() {
        let finding = Finding(
            ruleID: "r", ruleName: "R", origin: Origin(path: "p"), start: TextPosition(line: 1, column: 1),
            end: TextPosition(line: 1, column: 2), secret: "s", confidence: .high, entropy: 0, validation: .none,
            fingerprint: "f", snippet: Snippet(parts: []))
        let error = PathError(path: "x", reason: "Permission denied")
        #expect(ScanResult().exitStatus(strict: true) == 0)
        #expect(ScanResult(findings: [finding]).exitStatus(strict: false) == 1)
        #expect(ScanResult(errors: [error]).exitStatus(strict: false) == 0)
        #expect(ScanResult(findings: [finding], errors: [error]).exitStatus(strict: true) == 2)
    }
}
