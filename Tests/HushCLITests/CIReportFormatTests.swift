import Foundation
import HushTestSupport
@testable import HushScan
import Testing

/// The CI formats (`--format csv|junit|github|gitlab|markdown`), `--fail-on`, `--exit-code` and
/// `-o`, on the demo project. Each report is read back by a parser that is not hush's: Python's csv
/// and xml.etree, jsonschema against GitLab's published secret detection schema.
@Suite struct CIReportFormatTests {
    static let demo = Hush.packageRoot.appendingPathComponent("Fixtures/demo").path
    /// How many findings the JSON report of the demo has (DemoProjectTests checks which).
    static func expectedCount() throws -> Int {
        let count = try Hush.run(["scan", "--format", "json", "."], in: demo).jsonReport().findings.count
        #expect(count >= 10)
        return count
    }

    /// Runs a Python script on `file`; its stdout.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script] + arguments)
        #expect(run.status == 0, "python3 failed (python3-jsonschema missing?): \(run.stderr)")
        return String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func csvHasOneRowPerFindingWithRedactedSecrets() throws {
        let scratch = try ScratchFolder()
        let run = try Hush.run(["scan", "--format", "csv", "-o", scratch.file("r.csv"), "."], in: Self.demo)
        #expect(run.status == 1, "\(run.transcript)")
        let rows = try Self.python("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            assert all(r["secret"].endswith("…") or r["kind"] == "hygiene" for r in rows), rows
            print(len(rows), sum(r["kind"] == "hygiene" for r in rows))
            """, [scratch.file("r.csv")])
        #expect(rows == "\(try Self.expectedCount()) 2")
    }

    @Test func csvCellsCannotRunAsFormulas() {
        #expect(CSVReport.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVReport.cell("-p") == "'-p")
        #expect(CSVReport.cell("a,b") == "\"a,b\"")
    }

    @Test func junitIsWellFormedAndFailsOnlyFromFailOn() throws {
        let scratch = try ScratchFolder()
        let all = try Hush.run(["scan", "--format", "junit", "-o", scratch.file("all.xml"), "."], in: Self.demo)
        #expect(all.status == 1)
        let high = try Hush.run(["scan", "--format", "junit", "--fail-on", "high", "-o", scratch.file("high.xml"), "."], in: Self.demo)
        #expect(high.status == 1)
        let script = """
            import sys, xml.etree.ElementTree as ET
            suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
            cases = suite.findall("testcase")
            failed = [c for c in cases if c.find("failure") is not None]
            assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(failed)
            print(len(cases), len(failed))
            """
        let count = try Self.expectedCount()
        #expect(try Self.python(script, [scratch.file("all.xml")]) == "\(count) \(count)")
        // Below --fail-on high a finding is a passing case, with the finding as its output.
        let report = try Hush.run(["scan", "--format", "json", "."], in: Self.demo).jsonReport()
        let highs = report.findings.filter { $0.confidence == .high }.count
        #expect(highs < count)
        #expect(try Self.python(script, [scratch.file("high.xml")]) == "\(count) \(highs)")
    }

    @Test func failOnAndExitCodeDecideTheStatus() throws {
        let scratch = try ScratchFolder()
        try scratch.write("notes.txt", "DB_PASSWORD=Tr0ub4dor&3\n")  // a human password: low confidence
        let low = try Hush.run(["scan", "--exit-code", "7", "."], in: scratch.path)
        #expect(low.status == 7, "\(low.transcript)")
        let onlyHigh = try Hush.run(["scan", "--fail-on", "high", "."], in: scratch.path)
        #expect(onlyHigh.status == 0, "a low finding is reported, not failed: \(onlyHigh.transcript)")
        #expect(onlyHigh.stdout.contains("generic-password"))
    }

    @Test func githubAnnotationsAreWorkflowCommands() throws {
        let run = try Hush.run(["scan", "--format", "github", "."], in: Self.demo)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("::error file=") }
        #expect(errors.count == (try Self.expectedCount()))
        #expect(lines.last?.hasPrefix("::notice title=hush::") == true)
        let annotation = try #require(errors.first { $0.contains("file=app/server.py,line=10,") })
        #expect(annotation.contains("title=hush%3A GitHub personal access token (classic)::github-pat-classic: ghp_…"))
    }

    @Test func gitlabReportValidatesAgainstGitLabsSchema() throws {
        let scratch = try ScratchFolder()
        let run = try Hush.run(["scan", "--format", "gitlab", "-o", scratch.file("gl.json"), "."], in: Self.demo)
        #expect(run.status == 1)
        let schema = Hush.packageRoot.appendingPathComponent("Fixtures/schemas/gitlab-secret-detection-report-format.json").path
        let printed = try Self.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(report)
            ids = [v["id"] for v in report["vulnerabilities"]]
            assert len(set(ids)) == len(ids)
            print(len(ids), report["scan"]["type"])
            """, [schema, scratch.file("gl.json")])
        #expect(printed == "\(try Self.expectedCount()) secret_detection")
    }

    @Test func markdownIsATableWithARowPerFinding() throws {
        let run = try Hush.run(["scan", "--format", "markdown", "."], in: Self.demo)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| 🔴") || $0.hasPrefix("| 🟡") || $0.hasPrefix("| 🧹") }
        #expect(rows.count == (try Self.expectedCount()))
        #expect(run.stdout.hasPrefix("### hush: \(try Self.expectedCount()) findings in "))
    }

    @Test func dashOutputIsStandardOutputAndAFileReportSaysSoOnStderr() throws {
        let scratch = try ScratchFolder()
        let dash = try Hush.run(["scan", "--format", "json", "-o", "-", "."], in: Self.demo)
        #expect(dash.stdout.hasPrefix("{"), "\(dash.transcript)")
        #expect(!FileManager.default.fileExists(atPath: Self.demo + "/-"))
        let file = try Hush.run(["scan", "--format", "json", "-o", scratch.file("r.json"), "."], in: Self.demo)
        #expect(file.stdout.isEmpty)
        #expect(file.stderr.contains("\(try Self.expectedCount()) findings in "), "\(file.transcript)")
        #expect(file.stderr.contains("Report: \(scratch.file("r.json"))."))
    }
}

/// Fingerprints hash the path relative to the scanned folder, so a baseline does not depend on the
/// directory the scan ran from.
@Suite struct BaselinePathTests {
    @Test func aBaselineWrittenInsideTheFolderWorksFromOutsideAndByAbsolutePath() throws {
        let scratch = try ScratchFolder()
        try scratch.write("app/config/.env", "DB_PASSWORD=Kv9mWq2xLp7RtZ4nB8cY\n")
        try scratch.write("app/other.env", "API_TOKEN=Q7wErT9yUiOpAs3dFgHj5kLz\n")
        let inside = try Hush.run(["scan", "--format", "json", "-o", scratch.file("b.json"), "."], in: scratch.file("app"))
        #expect(inside.status == 1, "\(inside.transcript)")
        for root in ["app", "./app/", scratch.file("app")] {
            let run = try Hush.run(["scan", "--format", "json", "--baseline", scratch.file("b.json"), root], in: scratch.path)
            #expect(run.status == 0, "\(root): \(run.transcript)")
            #expect(try run.jsonReport().stats.suppressed.baseline == 2, "\(root)")
        }
        // A secret added since is still reported.
        try scratch.write("app/new.env", "SESSION_SECRET=Zx8cV6bN4mQ2wE0rT9yU7iOp\n")
        let later = try Hush.run(["scan", "--format", "json", "--baseline", scratch.file("b.json"), "app"], in: scratch.path)
        #expect(try later.jsonReport().findings.map(\.path) == ["app/new.env"])
    }
}
