import Foundation
import HushTestSupport
import Testing

/// `hush scan` exits 0 when clean, 1 with findings, 2 on usage or fatal errors (and, with
/// --strict, on unreadable paths).
@Suite struct ScanExitCodeTests {
    @Test func cleanTreeExitsZero() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "nothing to see\n")
        let run = try Hush.scan([dir.path])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("No findings."))
    }

    @Test func findingsExitOne() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "key = \(TestSecret.token().text)\n")
        let run = try Hush.scan([dir.path])
        #expect(run.status == 1, "\(run.transcript)")
    }

    @Test(arguments: [
        ["--bogus-flag"],
        ["--threads", "0"],
        ["--max-file-size", "lots"],
        ["--format", "xml"],
        ["--min-confidence", "certain"],
        ["/definitely/not/here"],
    ])
    func usageAndFatalErrorsExitTwo(arguments: [String]) throws {
        let run = try Hush.scan(arguments)
        #expect(run.status == 2, "\(run.transcript)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func aRuleFileThatDoesNotLoadExitsTwoNamingFileAndRule() throws {
        let dir = try ScratchFolder()
        let rules = try dir.write("bad.yaml", """
            rules:
              - id: my-rule
                name: Mine
                pattern: 'mine_[a-z]+'
                keywords: []
                examples: [{text: 'mine_abc', secret: 'mine_abc'}]
                counter_examples: ['x']
            """)
        let run = try Hush.run(["scan", "--rules", rules, dir.path])
        #expect(run.status == 2, "\(run.transcript)")
        #expect(run.stderr.contains(rules) && run.stderr.contains("my-rule") && run.stderr.contains("keywords"))
    }

    @Test func aPatternThatDoesNotCompileExitsTwoNamingFileAndRule() throws {
        let dir = try ScratchFolder()
        let rules = try dir.write("broken.yaml", """
            rules:
              - id: broken-rule
                name: Broken
                pattern: 'broken_(['
                keywords: [broken_]
                examples: [{text: 'broken_x', secret: 'broken_x'}]
                counter_examples: ['x']
            """)
        let run = try Hush.run(["scan", "--no-builtin-rules", "--rules", rules, dir.path])
        #expect(run.status == 2, "\(run.transcript)")
        #expect(run.stderr.contains(rules) && run.stderr.contains("broken-rule"))
    }

    @Test func unreadablePathsAreListedAndFailOnlyWithStrict() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "fine\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop", withDestinationPath: "loop")
        let lenient = try Hush.scan([dir.path])
        #expect(lenient.status == 0, "\(lenient.transcript)")
        #expect(lenient.stdout.contains("loop: symbolic link loop"))
        let strict = try Hush.scan(["--strict", dir.path])
        #expect(strict.status == 2, "\(strict.transcript)")
        #expect(strict.stderr.contains("--strict"))
    }

    @Test func strictWinsOverFindings() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "key = \(TestSecret.token().text)\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop", withDestinationPath: "loop")
        #expect(try Hush.scan([dir.path]).status == 1)
        #expect(try Hush.scan(["--strict", dir.path]).status == 2)
    }

    /// Test data keeps dangling links on purpose (argo-cd and loki do): a skip, not a failure.
    @Test func aBrokenSymlinkIsASkipEvenUnderStrict() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "fine\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/dangling", withDestinationPath: "gone")
        let run = try Hush.scan(["--strict", "--format", "json", dir.path])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(try run.jsonReport().stats.skipped["broken-symlink"] == 1)
    }
}
