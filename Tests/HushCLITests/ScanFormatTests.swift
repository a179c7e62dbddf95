import Foundation
import HushScan
import HushTestSupport
import Testing

/// The three report formats, through the binary: JSON decodes to the documented schema, SARIF
/// validates against the SARIF 2.1.0 JSON schema, and no format shows a secret unless asked.
@Suite struct ScanFormatTests {
    /// A tree with one finding of each test rule, a suppressed one, and a skip.
    private func tree() throws -> ScratchFolder {
        let dir = try ScratchFolder()
        try dir.write("app/config.py", "A = 1\nTOKEN = \"\(TestSecret.token().text)\"\n")
        try dir.write("app/weak.txt", "weak: \(TestSecret.weak.text)\n")
        try dir.write("notes with space.md", "\(TestSecret.token("B").text) # hush:allow\n")
        try dir.write("blob.bin", bytes: [0, 1, 2])
        return dir
    }

    @Test func jsonReportDecodesToTheSchema() throws {
        let dir = try tree()
        let run = try Hush.scan(["--format", "json", "."], in: dir.path)
        #expect(run.status == 1, "\(run.transcript)")
        let report = try run.jsonReport()
        #expect(report.version == 1 && report.tool.name == "hush")
        #expect(report.findings.map(\.path) == ["app/config.py", "app/weak.txt"])
        let first = try #require(report.findings.first)
        #expect((first.rule, first.line, first.column, first.endLine, first.endColumn) == ("hush-test-token", 2, 19, 2, 39))
        #expect(first.secret == "Zq81…" && first.fingerprint.count == 64 && first.validation == .none)
        #expect(report.stats.files == 3 && report.stats.findings == 2 && report.stats.skipped["binary"] == 1)
        #expect(report.stats.suppressed.inlineAllow == 1)
        #expect(report.secretsRedacted)
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let dir = try tree()
        let run = try Hush.scan(["--format", "sarif", "--output", dir.path + "/out.sarif", "."], in: dir.path)
        #expect(run.status == 1, "\(run.transcript)")
        #expect(run.stdout.isEmpty)
        let schema = Hush.packageRoot.appendingPathComponent("Fixtures/schemas/sarif-2.1.0.json").path
        // Validation needs python3 with jsonschema (Debian: python3-jsonschema; `make test` installs
        // it). Without them this test fails: it does not skip.
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator(schema).validate(log)
            print(len(log["runs"][0]["results"]))
            """
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = ["python3", "-c", script, schema, dir.path + "/out.sarif"]
        let output = Pipe()
        let problems = try ScratchFolder()
        let problemsPath = try problems.write("stderr", "")
        validator.standardOutput = output
        validator.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: problemsPath))
        try validator.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        let complaint = try problems.read("stderr")
        #expect(validator.terminationStatus == 0, "SARIF does not validate (or python3/jsonschema missing): \(complaint)")
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "2")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.sarif"))) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let uris = results.compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        }
        #expect(uris == ["app/config.py", "app/weak.txt"])
        #expect(results.map { $0["level"] as? String } == ["error", "note"])
    }

    @Test(arguments: ["text", "json", "sarif"])
    func noFormatShowsASecretWithoutShowSecrets(format: String) throws {
        let dir = try tree()
        let hidden = try Hush.scan(["--format", format, "."], in: dir.path)
        for secret in [TestSecret.token().secret, TestSecret.token("B").secret, TestSecret.weak.secret] {
            #expect(!hidden.stdout.contains(secret), "\(format) output shows \(secret)")
            #expect(!hidden.stderr.contains(secret))
        }
        #expect(hidden.stdout.contains("Zq81…"))
        let shown = try Hush.scan(["--format", format, "--show-secrets", "."], in: dir.path)
        #expect(shown.stdout.contains(TestSecret.token().secret))
        if format == "json" {
            // JSON lists what was hidden apart, for an audit: the allowed finding is there, not among findings.
            let report = try shown.jsonReport()
            #expect(!report.findings.contains { $0.secret == TestSecret.token("B").secret }, "an allowed finding is not reported")
            #expect(report.suppressed?.contains { $0.secret == TestSecret.token("B").secret && $0.suppressedBy == "inline_allow" } == true)
        } else {
            #expect(!shown.stdout.contains(TestSecret.token("B").secret), "an allowed finding is not reported")
        }
    }

    @Test func textShowsTheRedactedLineUnderEachFinding() throws {
        let dir = try tree()
        let run = try Hush.scan(["."], in: dir.path)
        #expect(run.stdout.contains("app/config.py\n  2:19  hush-test-token  Hush test token  Zq81…  [high, none]\n"))
        #expect(run.stdout.contains("        TOKEN = \"hushtest_Zq81…\"\n"))
        #expect(run.stdout.contains("2 findings in 2 files."))
        #expect(run.stdout.contains("Skipped 1: 1 binary"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func outputFileGetsTheReport() throws {
        let dir = try tree()
        let run = try Hush.scan(["--format", "json", "-o", "report.json", "."], in: dir.path)
        #expect(run.status == 1 && run.stdout.isEmpty)
        let report = try JSONDecoder().decode(ReportDocument.self, from: Data(try dir.read("report.json").utf8))
        #expect(report.findings.count == 2)
    }

    /// `-o /dev/null` once replaced /dev/null with a regular file: a path that is not a regular
    /// file is written in place. A FIFO stands in for the device here.
    @Test func outputToAFIFOIsWrittenInPlaceNotReplaced() throws {
        let dir = try tree()
        try dir.fifo("report.pipe")
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat report.pipe > received.json"]
        reader.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try reader.run()
        let run = try Hush.scan(["--format", "json", "-o", "report.pipe", "."], in: dir.path)
        reader.waitUntilExit()
        #expect(run.status == 1, "\(run.transcript)")
        var status = stat()
        #expect(stat(dir.file("report.pipe"), &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "still a FIFO")
        let report = try JSONDecoder().decode(ReportDocument.self, from: Data(try dir.read("received.json").utf8))
        #expect(report.findings.count == 2)
    }
}
