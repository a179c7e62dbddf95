import Foundation
import HushTestSupport
import Testing
@testable import HushScan

@Suite struct ScanTests {
    /// A tree with findings in several files, some suppressed, and things to skip.
    private func makeTree() throws -> ScratchFolder {
        let dir = try ScratchFolder()
        for index in 0..<40 {
            let token = TestSecret.token(Character(String(index % 10)))
            try dir.write("pkg\(index % 4)/file\(index).txt", "line one\nkey = \(token.text)\n")
        }
        try dir.write("weak.txt", "w = hushweak_k3j9x2m8q7w1\n")
        try dir.write("allowed.txt", "k = \(TestSecret.token("Z").text) # hush:allow\n")
        try dir.write("data.bin", bytes: [1, 0, 2])
        return dir
    }

    @Test func resultsAreTheSameWithOneThreadOrMany() throws {
        let dir = try makeTree()
        let one = try scan([dir.path], threads: 1)
        let many = try scan([dir.path], threads: 6)
        // Ten token contents in four files each, the weak one and the allowed one: every place counts.
        #expect(one.findings.count == 11 && one.findings.flatMap(\.everyPlace).count == 41)
        #expect(one.duplicates == 30)
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
        #expect(filtered.findings.flatMap(\.everyPlace).count == 41 - 5 - 1)
        #expect(filtered.suppressed == SuppressionCounts(inlineAllow: 1, baseline: 5, filtered: 1))
        let valid = try scan([dir.path]) { $0.filter = FindingFilter(onlyValid: true) }
        #expect(valid.findings.isEmpty && valid.suppressed.filtered == 41)
        #expect(all.suppressed.inlineAllow == 1)
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
        let dir = try ScratchFolder()
        try dir.write("big.txt", String(repeating: "x", count: 2000) + TestSecret.token().text)
        try dir.symlink("dangling", to: "missing")
        try dir.symlink("loop", to: "loop")
        try dir.write("ok.txt", TestSecret.token().text)
        let result = try scan([dir.path]) { $0.maxFileSize = 1000 }
        #expect(result.findings.map(\.origin.path) == ["\(dir.path)/ok.txt"])
        // A dangling link is data to skip; a loop cannot be resolved at all, and is an error.
        #expect(result.skipped == [
            SkippedPath(path: "\(dir.path)/big.txt", reason: .tooLarge),
            SkippedPath(path: "\(dir.path)/dangling", reason: .brokenSymlink),
        ])
        #expect(result.errors.map(\.path) == ["\(dir.path)/loop"])
        #expect(result.exitStatus(strict: true) == 2)
    }

    @Test func copiesOfOneContentAreScannedOnceAndReportedAtEveryPlace() throws {
        let dir = try ScratchFolder()
        let token = TestSecret.token("C")
        let text = "first line\ntoken = \(token.text)\n"
        for path in ["a/creds.txt", "b/creds.txt", "c/d/copy.txt"] { try dir.write(path, text) }
        try dir.write("other.txt", "first line\ntoken = \(TestSecret.token("D").text)\n")  // same size, other content
        for threads in [1, 2, 5] {
            let result = try scan([dir.path], threads: threads)
            #expect(result.duplicates == 2 && result.filesScanned == 4)
            let copied = try #require(result.findings.first { $0.secret == token.secret })
            #expect(result.findings.count == 2)
            #expect(copied.origin.path == "\(dir.path)/a/creds.txt")
            #expect(copied.locations.map(\.origin.path) == ["a/creds.txt", "b/creds.txt", "c/d/copy.txt"].map { "\(dir.path)/\($0)" })
            #expect(copied.locations.allSatisfy { $0.start == copied.start && $0.end == copied.end })
            #expect(Set(copied.locations.map(\.fingerprint)).count == 3)
            // Fingerprints hash the path relative to the scanned folder.
            #expect(copied.locations[1].fingerprint
                == Fingerprint.of(ruleID: copied.ruleID, path: "b/creds.txt", secret: token.secret))
            #expect(result.findings.first { $0.secret != token.secret }?.locations.isEmpty == true)
        }
    }

    @Test func eachPlaceOfACopiedFindingIsSuppressedOnItsOwn() throws {
        let dir = try ScratchFolder()
        let text = "token = \(TestSecret.token("E").text)\n"
        for path in ["one.txt", "two.txt", "three.txt"] { try dir.write(path, text) }
        let all = try scan([dir.path])
        let places = try #require(all.findings.first).locations
        #expect(places.count == 3)
        let baseline = Baseline(fingerprints: [places[0].fingerprint, places[2].fingerprint])
        let result = try scan([dir.path]) { $0.filter = FindingFilter(baseline: baseline) }
        #expect(result.suppressed.baseline == 2)
        let left = try #require(result.findings.first)
        #expect(result.findings.count == 1 && left.locations.isEmpty)
        #expect(left.fingerprint == places[1].fingerprint && left.origin.path == places[1].origin.path)
    }

    @Test func sourcesOfBytesAreScannedWithTheirProvenance() throws {
        struct Memory: BlobSource {
            let items: [BlobItem]
            func produce(into sink: any BlobSink) {
                items.forEach(sink.emit)
                sink.fail(PathError(provenance: .gitBlob(repository: "r", commit: "c0ffee", path: "gone.txt"), reason: "object missing"))
            }
        }
        let text = Array("k = \(TestSecret.token("G").text)\n".utf8)
        let places: [Provenance] = [
            .gitBlob(repository: "repo", commit: "1111", path: "app/config.txt"),
            .imageLayerEntry(image: "images/app.tar", layerIndex: 2, layerDigest: "sha256:ab", path: "etc/app.conf", fate: nil),
        ]
        let engine = try ScanEngine(ruleSet: try testRuleSet(), options: .init(keepInvalid: true, cacheDirectory: nil))
        let source = Memory(items: places.map { BlobItem(provenance: $0, content: .bytes(text)) } + [
            BlobItem(provenance: .imageConfigField(image: "images/app.tar", field: "Env[0]"), content: .bytes([0, 1, 2])),
        ])
        let result = try Scan(engine: engine, options: ScanOptions(paths: [], threads: 2), sources: [source]).run()
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1 && result.duplicates == 1)
        #expect(finding.locations.map(\.origin.provenance) == places)
        #expect(finding.origin.commit == "1111" && finding.locations[1].origin.layer == "sha256:ab")
        #expect(result.skipped.map(\.reason) == [.binary])
        #expect(result.skipped.first?.provenance == .imageConfigField(image: "images/app.tar", field: "Env[0]"))
        #expect(result.errors.first?.provenance.commit == "c0ffee")
    }
}

@Suite struct WorkQueueTests {
    @Test func aFullQueueMakesTheProducerWaitAndLosesNothing() {
        let queue = WorkQueue(capacity: 3)
        let consumed = ResultSink<ScanResult>()
        let done = DispatchGroup()
        for _ in 0..<2 {
            done.enter()
            Thread {
                var partial = ScanResult()
                while let item = queue.pop() {
                    partial.skipped.append(SkippedPath(provenance: item.provenance, reason: .binary))
                }
                consumed.add(partial)
                done.leave()
            }.start()
        }
        for index in 0..<500 {
            queue.push(BlobItem(provenance: .file(path: "\(index)"), content: .file(NativePath("\(index)"))))
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
