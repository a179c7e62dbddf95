import Foundation
import HushScan
import HushTestSupport
import Testing

/// Flags that choose what is scanned and what is reported.
@Suite struct ScanOptionTests {
    @Test func excludeGlobsAndTheIgnoreFileLeavePathsOut() throws {
        let dir = try ScratchFolder()
        for (index, path) in ["src/main.py", "vendor/lib/x.py", "web/app.min.js", "fixtures/a.txt", "docs/k.md"].enumerated() {
            try dir.write(path, "\(TestSecret.token(Character(String(index))).text)\n")
        }
        try dir.write(".hushignore", "# test data\nfixtures/\n")
        let run = try Hush.scan(["--format", "json", "--exclude", "vendor/**", "--exclude", "*.min.js", "."], in: dir.path)
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["docs/k.md", "src/main.py"], "\(run.transcript)")
        #expect(report.stats.skipped["excluded"] == 3)
        let verbose = try Hush.scan(["--verbose", "--exclude", "vendor/**", "."], in: dir.path)
        #expect(verbose.stdout.contains("vendor  excluded"))
    }

    @Test func baselineHidesKnownFindingsAndReportsNewOnes() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "\(TestSecret.token().text)\n")
        let first = try Hush.scan(["--format", "json", "-o", dir.path + "/../baseline-\(UUID().uuidString).json", "."], in: dir.path)
        #expect(first.status == 1)
        let baseline = try ScratchFolder()
        let recorded = try Hush.scan(["--format", "json", "-o", baseline.path + "/known.json", "."], in: dir.path)
        #expect(recorded.status == 1)

        // The known secret moves down a line: same fingerprint, still suppressed.
        try dir.write("a.txt", "moved\n\(TestSecret.token().text)\n")
        let same = try Hush.scan(["--baseline", baseline.path + "/known.json", "."], in: dir.path)
        #expect(same.status == 0, "\(same.transcript)")
        #expect(same.stdout.contains("Suppressed 1: 1 by the baseline."))

        try dir.write("b.txt", "\(TestSecret.token("N").text)\n")
        let new = try Hush.scan(["--format", "json", "--baseline", baseline.path + "/known.json", "."], in: dir.path)
        #expect(new.status == 1)
        #expect(try new.jsonReport().findings.map(\.path) == ["b.txt"])

        let notAReport = try baseline.write("junk.json", "{\"hello\": 1}")
        #expect(try Hush.scan(["--baseline", notAReport, "."], in: dir.path).status == 2)
    }

    @Test func inlineAllowCommentsSuppressAndAreCounted() throws {
        let dir = try ScratchFolder()
        try dir.write("a.py", """
            a = "\(TestSecret.token("A").text)"  # hush:allow
            # hush:allow-next-line hush-test-token
            b = "\(TestSecret.token("B").text)"
            c = "\(TestSecret.token("C").text)"  # hush:allow hush-test-weak
            """)
        let run = try Hush.scan(["--format", "json", "."], in: dir.path)
        let report = try run.jsonReport()
        #expect(report.findings.map(\.line) == [4])
        #expect(report.stats.suppressed.inlineAllow == 2)
    }

    @Test func confidenceAndValidityFilters() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "\(TestSecret.token().text)\n\(TestSecret.weak.text)\n")
        let all = try Hush.scan(["--format", "json", "."], in: dir.path)
        #expect(try all.jsonReport().findings.count == 2)
        let high = try Hush.scan(["--format", "json", "--min-confidence", "high", "."], in: dir.path)
        #expect(try high.jsonReport().findings.map(\.rule) == ["hush-test-token"])
        #expect(try high.jsonReport().stats.suppressed.filtered == 1)
        // The test rules have no validator, so nothing is confirmed valid.
        let valid = try Hush.scan(["--only-valid", "."], in: dir.path)
        #expect(valid.status == 0, "\(valid.transcript)")
        #expect(valid.stdout.contains("Suppressed 2: 2 by --min-confidence/--only-valid/--kind."))
    }

    /// A PCRE2 search that gives up on its limit is not "no match": the summary says so, `--verbose`
    /// names the rule, and JSON counts it.
    @Test func searchesStoppedByPCRE2LimitsAreReported() throws {
        let dir = try ScratchFolder()
        let rules = try dir.write("explosive.yaml", #"""
            rules:
              - id: explosive-rule
                name: Backtracks badly
                pattern: '(k)ey\1?(a+)+b'
                keywords: [key]
                examples: [{text: 'keyaab', secret: 'keyaab'}]
                counter_examples: ['x']
            """#)
        try dir.write("data/input.txt", "key" + String(repeating: "a", count: 40) + "!b\n")
        let text = try Hush.scan(["--no-builtin-rules", "--rules", rules, "--verbose", "data"], in: dir.path)
        #expect(text.stdout.contains("PCRE2 stopped 1 search on its match or depth limit"), "\(text.transcript)")
        #expect(text.stdout.contains("explosive-rule 1"))
        let json = try Hush.scan(["--no-builtin-rules", "--rules", rules, "--format", "json", "data"], in: dir.path)
        #expect(try json.jsonReport().stats.limitHits == ["explosive-rule": 1])
    }

    @Test func oneThreadOrManyGiveTheSameReport() throws {
        let dir = try ScratchFolder()
        for index in 0..<30 {
            try dir.write("d\(index % 3)/f\(index).txt", "x\n\(TestSecret.token(Character(String(index % 10))).text)\n")
        }
        let one = try Hush.scan(["--format", "json", "--threads", "1", "."], in: dir.path)
        let many = try Hush.scan(["--format", "json", "--threads", "8", "."], in: dir.path)
        #expect(try one.jsonReport().findings == many.jsonReport().findings)
        // Ten contents, three files each: one finding per content, with every place.
        let findings = try one.jsonReport().findings
        #expect(findings.count == 10 && findings.map { $0.locations?.count ?? 1 }.reduce(0, +) == 30)
        #expect(try one.jsonReport().stats.duplicates == 20)
    }

    @Test func colourOnlyWhenAllowed() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "\(TestSecret.token().text)\n")
        // stdout is a file here, so even without --no-color there is no colour; NO_COLOR is honoured too.
        let plain = try Hush.run(["scan"] + Hush.testRuleFlags + ["."], in: dir.path, environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let noColor = try Hush.scan(["--no-color", "."], in: dir.path)
        #expect(!noColor.stdout.contains("\u{1B}[") && noColor.status == 1)
    }
}
