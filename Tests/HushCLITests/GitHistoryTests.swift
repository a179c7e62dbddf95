import Foundation
import HushScan
import HushTestSupport
import Testing

/// The git-history fixtures of `Fixtures/git/make-history.py`, built once per test run: commit
/// ids are fixed by the script's dates, and `expected.json` names the commit that introduced
/// each planted token.
enum HistoryFixture {
    struct Case: Decodable, Sendable {
        var secret: String
        var path: String
        var commit: String
        var presentAtHead: Bool

        enum CodingKeys: String, CodingKey {
            case secret, path, commit
            case presentAtHead = "present_at_head"
        }
    }

    struct Expected: Decodable, Sendable {
        var cases: [String: Case]
        var missingObject: String

        enum CodingKeys: String, CodingKey {
            case cases
            case missingObject = "missing_object"
        }
    }

    static let shared: Result<ScriptFixture<Expected>, any Error> = Result {
        try ScriptFixture(script: "git/make-history.py", prefix: "hush-history")
    }
}

/// Runs git for a test repository, with a fixed identity and no user or system config.
func git(_ arguments: [String], in directory: String) throws {
    var environment = ProcessInfo.processInfo.environment
    for key in environment.keys where key.hasPrefix("GIT_") { environment[key] = nil }
    environment.merge([
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]) { _, new in new }
    let run = try ProgramRun.capture("/usr/bin/env", ["git", "-C", directory, "-c", "commit.gpgsign=false"] + arguments, environment: environment)
    guard run.status == 0 else { throw HistoryFixtureFailure(description: "git \(arguments.joined(separator: " ")): \(run.transcript)") }
}

@Suite struct GitHistoryTests {
    func fixture() throws -> ScriptFixture<HistoryFixture.Expected> { try HistoryFixture.shared.get() }

    func scan(_ arguments: [String], in directory: String) throws -> (HushRun, ReportDocument) {
        let run = try Hush.run(["scan", "--format", "json", "--show-secrets"] + arguments, in: directory)
        #expect(run.status <= 2, "\(run.transcript)")
        return (run, try run.jsonReport())
    }

    @Test func everyPlantedSecretIsAttributedToTheCommitThatIntroducedIt() throws {
        let fixture = try fixture()
        let (run, report) = try scan(["repo"], in: fixture.root)
        #expect(run.status == 1)
        #expect(report.errors.isEmpty, "\(report.errors)")
        for (name, planted) in fixture.expected.cases.sorted(by: { $0.key < $1.key }) {
            let matches = report.findings.filter { $0.secret == planted.secret && $0.path == "repo/" + planted.path }
            #expect(matches.count == 1, "\(name): one finding for the secret at its path, found \(matches.count)")
            guard let finding = matches.first else { continue }
            #expect(finding.commit == planted.commit, "\(name): introduced by \(planted.commit), reported \(finding.commit ?? "none")")
            #expect(finding.repository == "repo", "\(name)")
            #expect(finding.presentAtHead == planted.presentAtHead, "\(name)")
            #expect(finding.author == "Ada Example" && finding.email == "ada@example.com", "\(name)")
            #expect(finding.date?.hasPrefix("2023-11-1") == true, "\(name): author date \(finding.date ?? "none")")
            #expect(finding.message?.isEmpty == false, "\(name)")
        }
        // The same secret at HEAD and in the working tree is one finding with both places.
        let atHead = try #require(fixture.expected.cases["at-head"])
        let headFinding = try #require(report.findings.first { $0.secret == atHead.secret })
        let places = headFinding.locations ?? []
        #expect(places.contains { $0.commit == atHead.commit } && places.contains { $0.commit == nil && $0.path == "repo/app/keys.txt" })
        // The renamed file's blob is also reported at its new path, introduced by the rename.
        let renamed = try #require(fixture.expected.cases["renamed"])
        let renamedFinding = try #require(report.findings.first { $0.secret == renamed.secret && $0.path == "repo/" + renamed.path })
        #expect(renamedFinding.locations?.contains { $0.path == "repo/deploy/new-name.yaml" && $0.commit != nil } == true)
    }

    @Test func noHistoryScansTheWorkingTreeOnly() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["--no-history", "repo"], in: fixture.root)
        #expect(report.findings.map(\.path) == ["repo/app/keys.txt", "repo/deploy/new-name.yaml", "repo/merge.txt"])
        #expect(report.findings.allSatisfy { $0.commit == nil && $0.presentAtHead == nil })
    }

    @Test func branchNarrowsHistoryToOneRef() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["--branch", "main", "repo"], in: fixture.root)
        let secrets = Set(report.findings.map(\.secret))
        for name in ["side-branch", "tag-only", "stash"] {
            #expect(!secrets.contains(try #require(fixture.expected.cases[name]).secret), "\(name) is not on main")
        }
        for name in ["removed-later", "merge", "at-head"] {
            #expect(secrets.contains(try #require(fixture.expected.cases[name]).secret), "\(name) is on main")
        }
    }

    @Test func aRepositoryInsideAScannedFolderIsScannedWithItsHistory() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["."], in: fixture.root)
        let removed = try #require(fixture.expected.cases["removed-later"])
        // repo/ and its copy broken/ share the blob: scanned once, one finding with a place in each.
        let places = report.findings.flatMap { finding in
            (finding.locations ?? []).map { ($0.path, $0.commit, $0.repository) } + [(finding.path, finding.commit, finding.repository)]
        }
        #expect(places.contains { $0.0 == "repo/config/settings.py" && $0.1 == removed.commit && $0.2 == "repo" })
        #expect(places.contains { $0.0 == "broken/config/settings.py" && $0.1 == removed.commit && $0.2 == "broken" })
    }

    @Test func aBareRepositoryIsScannedFromItsObjects() throws {
        let fixture = try fixture()
        let scratch = try ScratchFolder()
        try git(["clone", "-q", "--bare", fixture.root + "/repo", scratch.file("bare.git")], in: scratch.path)
        let (_, report) = try scan(["bare.git"], in: scratch.path)
        let removed = try #require(fixture.expected.cases["removed-later"])
        #expect(report.findings.contains { $0.path == "bare.git/config/settings.py" && $0.commit == removed.commit })
        #expect(!report.findings.contains { $0.commit == nil }, "a bare repository has no working tree")
    }

    @Test func bareRepositoriesInsideAScannedFolderAreReadAsRepositories() throws {
        let fixture = try fixture()
        let scratch = try ScratchFolder()
        // A folder of mirrors, as a package cache or a backup keeps them: mirrors/<owner>/<name>.git.
        try git(["clone", "-q", "--bare", fixture.root + "/repo", scratch.file("mirrors/acme/app.git")], in: scratch.path)
        let (_, report) = try scan(["mirrors"], in: scratch.path)
        let removed = try #require(fixture.expected.cases["removed-later"])
        #expect(report.findings.contains {
            $0.path == "mirrors/acme/app.git/config/settings.py" && $0.commit == removed.commit && $0.repository == "mirrors/acme/app.git"
        }, "\(report.findings.map { ($0.path, $0.repository ?? "-") })")
        #expect(!report.findings.contains { $0.path.contains("/objects/") || $0.path.hasSuffix("/packed-refs") }, "git's files are not walked")
    }

    @Test func aMissingObjectIsReportedAndTheRestIsScanned() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["broken"], in: fixture.root)
        #expect(report.errors.contains { $0.reason.contains(fixture.expected.missingObject) }, "\(report.errors)")
        let removed = try #require(fixture.expected.cases["removed-later"])
        #expect(report.findings.contains { $0.secret == removed.secret && $0.commit == removed.commit })
        let strict = try Hush.run(["scan", "--strict", "broken"], in: fixture.root)
        #expect(strict.status == 2, "an incomplete history fails --strict: \(strict.transcript)")
    }

    @Test func aShallowCloneSaysWhatItCannotScan() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["shallow"], in: fixture.root)
        #expect(report.errors.contains { $0.reason.contains("shallow") })
        let atHead = try #require(fixture.expected.cases["at-head"])
        #expect(report.findings.contains { $0.secret == atHead.secret })
        let removed = try #require(fixture.expected.cases["removed-later"])
        #expect(!report.findings.contains { $0.secret == removed.secret }, "not in a depth-1 clone")
    }

    @Test func stagedScansTheStagedVersionWithItsLineNumbers() throws {
        let scratch = try ScratchFolder()
        try git(["init", "-q", "-b", "main"], in: scratch.path)
        try scratch.write("old.txt", "old token \(TestSecret.token("O").text)\n")
        try git(["add", "old.txt"], in: scratch.path)
        try git(["commit", "-q", "-m", "old"], in: scratch.path)
        let staged = TestSecret.token("S")
        try scratch.write("app.env", "# one\n# two\nTOKEN=\(staged.text)\n")
        try git(["add", "app.env"], in: scratch.path)
        // After staging, the working copy moves the line and adds an unstaged secret.
        let unstaged = TestSecret.token("U")
        try scratch.write("app.env", "TOKEN=\(staged.text)\nOTHER=\(unstaged.text)\n")
        let run = try Hush.scan(["--staged", "--format", "json", "--show-secrets", "."], in: scratch.path)
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["app.env"], "\(run.transcript)")
        #expect(report.findings.first?.line == 3, "the staged version's line")
        #expect(!report.findings.contains { $0.secret.contains(unstaged.secret) })
    }

    @Test func diffScansOnlyWhatTheRangeAdded() throws {
        let scratch = try ScratchFolder()
        try git(["init", "-q", "-b", "main"], in: scratch.path)
        let old = TestSecret.token("O")
        try scratch.write("base.txt", "token \(old.text)\n")
        try git(["add", "base.txt"], in: scratch.path)
        try git(["commit", "-q", "-m", "base"], in: scratch.path)
        try git(["checkout", "-q", "-b", "pr"], in: scratch.path)
        let added = TestSecret.token("N")
        try scratch.write("new.txt", "token \(added.text)\n")
        try git(["add", "new.txt"], in: scratch.path)
        try git(["commit", "-q", "-m", "pr work"], in: scratch.path)
        let run = try Hush.scan(["--diff", "main..pr", "--format", "json", "--show-secrets", "."], in: scratch.path)
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["new.txt"], "\(run.transcript)")
        #expect(report.findings.first?.message == "pr work")
    }

    @Test func sarifCarriesTheCommitAndTheRepositoryRevision() throws {
        let fixture = try fixture()
        let run = try Hush.run(["scan", "--format", "sarif", "repo"], in: fixture.root)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let provenance = try #require(runs.first?["versionControlProvenance"] as? [[String: Any]])
        #expect((provenance.first?["revisionId"] as? String)?.count == 40)
        #expect((provenance.first?["repositoryUri"] as? String)?.hasPrefix("file://") == true)
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let removed = try #require(fixture.expected.cases["removed-later"])
        #expect(results.contains { (($0["properties"] as? [String: Any])?["commit"] as? String) == removed.commit })
    }

    @Test func ignoreFilesAndExcludeGlobsApplyToHistoryPaths() throws {
        let scratch = try ScratchFolder()
        try git(["init", "-q", "-b", "main"], in: scratch.path)
        try scratch.write("vendor/lib.txt", "token \(TestSecret.token("V").text)\n")
        try scratch.write("fixtures/case.txt", "token \(TestSecret.token("F").text)\n")
        try scratch.write("src/app.txt", "token \(TestSecret.token("A").text)\n")
        try git(["add", "."], in: scratch.path)
        try git(["commit", "-q", "-m", "all"], in: scratch.path)
        try git(["rm", "-q", "-r", "vendor", "fixtures", "src"], in: scratch.path)
        try git(["commit", "-q", "-m", "gone"], in: scratch.path)
        try scratch.write(".hushignore", "vendor/\n")
        let run = try Hush.scan(["--exclude", "fixtures/**", "--format", "json", "."], in: scratch.path)
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["src/app.txt"], "\(run.transcript)")
        #expect((report.stats.skipped["excluded"] ?? 0) >= 2)
    }

    @Test func refsThatLookLikeOptionsAreRefused() throws {
        let run = try Hush.run(["scan", "--branch=--output=/tmp/x", "."])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a ref"))
    }
}

/// A fixture step that failed, with its transcript.
struct HistoryFixtureFailure: Error, CustomStringConvertible {
    var description: String
}
