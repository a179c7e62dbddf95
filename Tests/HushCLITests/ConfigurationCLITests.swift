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

    /// A folder of checkouts (`org/api`, `org/web`): `api`'s own `.hush.yaml` and `.hushignore`
    /// hide what they name under `api` only, in its working tree and its history.
    static func organisation() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        for (path, text) in [
            ("api/app.env", "DB_PASSWORD=Kv9mWq2xLp7RtZ4nB8cYq3\nSESSION_SECRET=Zx8cV6bN4mQ2wE0rT9yU7iOp\n"),
            ("api/fixtures/test.env", "API_TOKEN=acmefix-Q7wErT9yUiOpAs3dFgHj5k\n"),
            ("api/vendor/lib.env", "WEBHOOK_SECRET=Hk7c3mZ8r4vN1bT6yW9eQ1Lp\n"),
            ("web/app.env", "DB_PASSWORD=Kv9mWq2xLp7RtZ4nB8cYq3\nAPI_TOKEN=acmefix-Q7wErT9yUiOpAs3dFgHj5k\n"),
        ] { try scratch.write(path, text) }
        for repository in ["api", "web"] {
            try git(["init", "-q", "-b", "main"], in: scratch.file(repository))
            try git(["add", "-A"], in: scratch.file(repository))
            try git(["commit", "-q", "-m", "first"], in: scratch.file(repository))
        }
        return scratch
    }

    @Test func aRepositoryInsideTheScannedFolderKeepsItsOwnSettings() throws {
        let scratch = try Self.organisation()
        // The team behind api ignores one finding by the fingerprint its own scan gives.
        let own = try Hush.run(["scan", "--no-history", "--format", "json", "."], in: scratch.file("api")).jsonReport()
        let session = try #require(own.findings.first { $0.rule == "generic-secret" && $0.path == "app.env" })
        try scratch.write("api/.hush.yaml", """
            exclude: [fixtures/**]
            stopwords: [acmefix]
            ignore:
              - fingerprint: \(session.fingerprint)
                reason: rotated
            """)
        try scratch.write("api/.hushignore", "vendor/**\n")
        let before = try Hush.run(["scan", "--no-history", "--no-config", "--format", "json", "."], in: scratch.path).jsonReport()
        #expect(before.findings.map(\.path).sorted() == ["api/app.env", "api/app.env", "api/fixtures/test.env", "web/app.env", "web/app.env"],
                "--no-config reads no repository's .hush.yaml; path globs of its .hushignore apply, as a scanned folder's do")

        let run = try Hush.run(["scan", "--format", "json", "."], in: scratch.path)
        let report = try run.jsonReport()
        let places = Set(report.findings.flatMap { finding in [finding.path] + (finding.locations ?? []).map(\.path) })
        #expect(places.filter { $0.hasPrefix("api/") } == ["api/app.env"], "\(places)")
        #expect(report.findings.filter { $0.path.hasPrefix("api/") }.map(\.rule) == ["generic-password"])
        // web has the same values and no settings of its own: all of it is reported.
        #expect(places.contains("web/app.env"))
        #expect(report.findings.filter { $0.path == "web/app.env" }.count == 2)
        let hidden = try #require(report.suppressed)
        #expect(hidden.allSatisfy { $0.path.hasPrefix("api/") })
        #expect(Set(hidden.compactMap(\.suppressedBy)) == ["excluded", "ignored"], "\(hidden.map { ($0.path, $0.suppressedBy) })")
        #expect((report.stats.suppressed.excluded ?? 0) >= 2 && (report.stats.suppressed.ignored ?? 0) >= 1)
        // The history of api (its commit holds the same files) is hidden the same way.
        #expect(!hidden.filter { $0.commit != nil }.isEmpty, "history places go through api's settings too")
    }

    @Test func aRepositorysBrokenOrScanWideSettingsAreSaidAndTheScanGoesOn() throws {
        let scratch = try Self.organisation()
        try scratch.write("api/.hush.yaml", "exclude: [fixtures/**\n")
        let broken = try Hush.run(["scan", "--no-history", "--format", "json", "."], in: scratch.path)
        #expect(broken.status == 1, "findings, and the error does not stop the scan: \(broken.transcript)")
        let report = try broken.jsonReport()
        #expect(report.findings.count == 6)
        #expect(report.errors.contains { $0.path == "api/.hush.yaml" && $0.reason.contains("not applied") }, "\(report.errors)")
        #expect(try Hush.run(["scan", "--no-history", "--strict", "."], in: scratch.path).status == 2)

        try scratch.write("api/.hush.yaml", "fail_on: high\nentropy: {generic-password: 5}\ndisable: [generic-password]\n")
        let wide = try Hush.run(["scan", "--no-history", "--format", "json", "."], in: scratch.path)
        #expect(wide.stderr.contains("api/.hush.yaml: entropy, fail_on not applied"), "\(wide.stderr)")
        let findings = try wide.jsonReport().findings
        #expect(!findings.contains { $0.path.hasPrefix("api/") && $0.rule == "generic-password" }, "disable still applies under api")
        #expect(findings.contains { $0.path == "web/app.env" && $0.rule == "generic-password" })
        // Scanned on its own, api's file is the scan's file: nothing is said about it.
        let alone = try Hush.run(["scan", "--no-history", "--format", "json", "."], in: scratch.file("api"))
        #expect(!alone.stderr.contains("not applied"), "\(alone.stderr)")
    }
}
