import Foundation
import HushTestSupport
import Testing

/// `.hush.yaml` and `.hushignore` fingerprints as a team uses them: allow values and stopwords, an
/// ignore list with expiry, `--write-ignore`, `fail_on`, flags over settings, `hush config`.
@Suite struct ConfigurationCLITests {
    static func project() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try scratch.write("app.env", """
            DB_PASSWORD=Kv9mWq2xLp7RtZ4nB8cYq3
            API_TOKEN=acmefix-Q7wErT9yUiOpAs3dFgHj5k
            SESSION_SECRET=Zx8cV6bN4mQ2wE0rT9yU7iOp

            """)
        return scratch
    }

    @Test func allowStopwordsAndIgnoreHideWhatTheyNameAndAreCounted() throws {
        let scratch = try Self.project()
        let first = try Hush.run(["scan", "--format", "json", "."], in: scratch.path).jsonReport()
        #expect(first.findings.count == 3)
        let secret = try #require(first.findings.first { $0.rule == "generic-secret" })
        try scratch.write(".hush.yaml", """
            stopwords: [AcmeFix]
            allow:
              - regex: "Kv9m[A-Za-z0-9]+"
                rules: [generic-password]
            ignore:
              - fingerprint: \(secret.fingerprint)
                reason: rotated
                expires: 2999-12-31
            """)
        let run = try Hush.run(["scan", "--format", "json", "."], in: scratch.path)
        #expect(run.status == 0, "\(run.transcript)")
        let report = try run.jsonReport()
        #expect(report.findings.isEmpty)
        #expect(report.stats.suppressed.allowlist == 2 && report.stats.suppressed.ignored == 1)
        // From another directory the same file is found at the scanned folder's root.
        let outside = try Hush.run(["scan", "--format", "json", scratch.path])
        #expect(outside.status == 0, "\(outside.transcript)")
        // --no-config shows them all again.
        #expect(try Hush.run(["scan", "--no-config", "--format", "json", "."], in: scratch.path).jsonReport().findings.count == 3)
    }

    @Test func anExpiredIgnoreEntryStopsHidingAndSaysSo() throws {
        let scratch = try Self.project()
        let secret = try #require(try Hush.run(["scan", "--format", "json", "."], in: scratch.path).jsonReport()
            .findings.first { $0.rule == "generic-secret" })
        try scratch.write(".hush.yaml", "ignore:\n  - fingerprint: \(secret.fingerprint)\n    reason: rotated\n    expires: 2020-01-31\n")
        let run = try Hush.run(["scan", "--format", "json", "."], in: scratch.path)
        #expect(try run.jsonReport().findings.contains { $0.fingerprint == secret.fingerprint })
        #expect(run.stderr.contains("expired on 2020-01-31: no longer hiding it"), "\(run.stderr)")
        #expect(run.stderr.contains(".hush.yaml:2"))
    }

    @Test func writeIgnoreAppendsFingerprintsThatTheNextScanHonours() throws {
        let scratch = try Self.project()
        try scratch.write(".hushignore", "vendor/**")
        let write = try Hush.run(["scan", "--write-ignore", "."], in: scratch.path)
        #expect(write.status == 1, "this scan still reports what it found: \(write.transcript)")
        let ignore = try scratch.read(".hushignore")
        #expect(ignore.hasPrefix("vendor/**\n# generic-password app.env:1 (hush scan --write-ignore, "))
        #expect(!ignore.contains("Kv9m"), "no secret is written")
        let next = try Hush.run(["scan", "--format", "json", "."], in: scratch.path)
        #expect(next.status == 0, "\(next.transcript)")
        #expect(try next.jsonReport().stats.suppressed.ignored == 3)
    }

    @Test func failOnFromTheFileAndFlagsOverIt() throws {
        let scratch = try Self.project()
        try scratch.write(".hush.yaml", "fail_on: high\nmin_confidence: high\n")
        let fromFile = try Hush.run(["scan", "--format", "json", "."], in: scratch.path)
        #expect(try fromFile.jsonReport().findings.allSatisfy { $0.confidence == .high })
        let flags = try Hush.run(["scan", "--min-confidence", "low", "--format", "json", "."], in: scratch.path)
        #expect(try flags.jsonReport().findings.count == 3, "the flag wins over the file")
    }

    @Test func configInitWritesAFileThatChecksAndAnUnknownKeyFailsTheScan() throws {
        let scratch = try ScratchFolder()
        let initRun = try Hush.run(["config", "init"], in: scratch.path)
        #expect(initRun.status == 0, "\(initRun.transcript)")
        let check = try Hush.run(["config", "check"], in: scratch.path)
        #expect(check.status == 0 && check.stdout.contains("nothing set"), "\(check.transcript)")
        #expect(try Hush.run(["config", "init"], in: scratch.path).status == 2, "no overwrite without --force")
        try scratch.write(".hush.yaml", "exclude: [a]\nfailon: high\n")
        let scan = try Hush.run(["scan", "."], in: scratch.path)
        #expect(scan.status == 2)
        #expect(scan.stderr.contains(".hush.yaml:2: unknown setting \"failon\""), "\(scan.stderr)")
        #expect(try Hush.run(["config", "check"], in: scratch.path).status == 2)
    }

    @Test func suppressedFindingsAreListedForAnAuditAndNoSuppressShowsThemAll() throws {
        let scratch = try Self.project()
        try scratch.write("more.env", "PASSWORD2=Hk7c3mZ8r4vN1bT6yW9eQ1 # hush:allow reviewed\n")
        try scratch.write(".hush.yaml", "stopwords: [acmefix]\n")
        let report = try Hush.run(["scan", "--format", "json", "."], in: scratch.path).jsonReport()
        #expect(report.findings.count == 2)
        let hidden = try #require(report.suppressed)
        #expect(Set(hidden.compactMap(\.suppressedBy)) == ["inline_allow", "allowlist"])
        #expect(hidden.allSatisfy { $0.secret.hasSuffix("…") }, "suppressed secrets are redacted too")
        let everything = try Hush.run(["scan", "--no-suppress", "--format", "json", "."], in: scratch.path).jsonReport()
        #expect(everything.findings.count == 4 && (everything.suppressed ?? []).isEmpty)
    }

    @Test func baselineCreateRecordsTodaysFindingsAndOnlyNewOnesFailLater() throws {
        let scratch = try Self.project()
        let create = try Hush.run(["baseline", "create", "-o", scratch.file("baseline.json"), "."], in: scratch.path)
        #expect(create.status == 0, "\(create.transcript)")
        let clean = try Hush.run(["scan", "--baseline", scratch.file("baseline.json"), scratch.path])
        #expect(clean.status == 0, "a baseline from inside works from outside: \(clean.transcript)")
        try scratch.write("new.env", "WEBHOOK_SECRET=Zx8cV6bN4mQ2wE0rT9yU7iOpA1\n")
        let later = try Hush.run(["scan", "--format", "json", "--baseline", scratch.file("baseline.json"), "."], in: scratch.path)
        #expect(later.status == 1)
        #expect(try later.jsonReport().findings.map(\.path) == ["new.env"])
    }
}
