import Foundation
import HushScan
import HushTestSupport
import Testing

/// Bad and odd inputs, made at test time: the scan must end, report what it skipped and why,
/// and keep going past what it cannot read.
@Suite struct ScanInputTests {
    @Test func linksLoopsAndSpecialFilesNeitherHangNorEscape() throws {
        let dir = try ScratchFolder()
        try dir.write("src/app.py", "token = \(TestSecret.token().text)\n")
        let links = FileManager.default
        try links.createSymbolicLink(atPath: dir.path + "/src/loop", withDestinationPath: "..")
        try links.createSymbolicLink(atPath: dir.path + "/src/alias.py", withDestinationPath: "app.py")
        // Outside the tree: a folder holding a secret that must not be reported.
        let outside = try ScratchFolder()
        try outside.write("leak.txt", "\(TestSecret.token("O").text)\n")
        try links.createSymbolicLink(atPath: dir.path + "/outside", withDestinationPath: outside.path)
        #expect(mkfifo(dir.path + "/pipe", 0o644) == 0)

        let run = try Hush.scan(["--format", "json", "."], in: dir.path)
        #expect(run.status == 1, "\(run.transcript)")
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["src/app.py"], "scanned once, under its real path")
        #expect(report.stats.skipped["symlink"] == 2)
        #expect(report.stats.skipped["symlink-outside-tree"] == 1)
        #expect(report.stats.skipped["special-file"] == 1)
        #expect(report.errors.isEmpty)
    }

    /// Root ignores file modes, so the test drops to user `nobody` (via setpriv) when it runs as
    /// root; hush then meets EACCES on a mode-000 file and a mode-000 folder like any user would.
    @Test func unreadableFilesAndFoldersAreErrorsAndTheScanGoesOn() throws {
        let dir = try ScratchFolder()
        try dir.write("open.txt", "token = \(TestSecret.token().text)\n")
        let locked = try dir.write("locked.txt", "token = \(TestSecret.token("L").text)\n")
        try dir.write("closed/inner.txt", "x\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dir.path + "/closed")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/closed") }

        let run = try Hush.scan(["--format", "json", "."], in: dir.path, unprivileged: true)
        #expect(run.status == 1, "\(run.transcript)")
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["open.txt"])
        #expect(report.errors.map(\.path) == ["closed", "locked.txt"])
        #expect(report.errors.allSatisfy { $0.reason == "Permission denied" })
        #expect(run.stderr.contains("cannot read locked.txt: Permission denied"))

        let strict = try Hush.scan(["--strict", "."], in: dir.path, unprivileged: true)
        #expect(strict.status == 2, "\(strict.transcript)")
        #expect(strict.stdout.contains("locked.txt: Permission denied"))

        // A file the user named is one they asked for: not being able to read it fails the scan.
        let named = try Hush.scan(["open.txt", "locked.txt"], in: dir.path, unprivileged: true)
        #expect(named.status == 2, "\(named.transcript)")
        #expect(named.stderr.contains("locked.txt was named on the command line and could not be read"))
        #expect(named.stdout.contains("hushtest_"), "the readable file is still scanned and reported")
    }

    @Test func oddFilesAreScannedOrSkippedForAStatedReason() throws {
        let dir = try ScratchFolder()
        // A 10 MB single line with a token at its very end.
        let filler = String(repeating: "a", count: 10_000_000)
        try dir.write("one-line.txt", filler + " " + TestSecret.token().text)
        // Invalid UTF-8 after a token, on its line and the next (columns after invalid bytes are
        // checked in FindingBuilderTests, independent of the engine).
        try dir.write("latin1.txt", bytes: Array("k=\(TestSecret.token("U").text) ".utf8) + [0xE9, 0xFF, 0x0A, 0xC3, 0x28, 0x0A])
        try dir.write("empty.txt", "")
        try dir.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00] + Array(TestSecret.token("P").text.utf8))
        try dir.write("huge.log", String(repeating: "z", count: 3000) + TestSecret.token("H").text)

        let run = try Hush.scan(["--format", "json", "--max-file-size", "11MB", "."], in: dir.path)
        #expect(run.status == 1, "\(run.transcript)")
        let report = try run.jsonReport()
        #expect(report.findings.map(\.path) == ["huge.log", "latin1.txt", "one-line.txt"])
        let long = try #require(report.findings.last)
        #expect((long.line, long.column) == (1, 10_000_011))
        let latin = try #require(report.findings.first { $0.path == "latin1.txt" })
        #expect((latin.line, latin.column) == (1, 12))
        #expect(report.stats.files == 4 && report.stats.skipped["binary"] == 1)

        let small = try Hush.scan(["--format", "json", "--max-file-size", "2KiB", "."], in: dir.path)
        let smallReport = try small.jsonReport()
        #expect(smallReport.findings.map(\.path) == ["latin1.txt"])
        #expect(smallReport.stats.skipped["too-large"] == 2 && smallReport.stats.skipped["binary"] == 1)
        #expect(smallReport.stats.files == 2)
    }

    @Test func standardInputIsScannedAsStdin() throws {
        let run = try Hush.scan(["--format", "json", "-"], stdin: "line\nexport T=\(TestSecret.token().text)\n")
        #expect(run.status == 1, "\(run.transcript)")
        let finding = try #require(try run.jsonReport().findings.first)
        #expect((finding.path, finding.line, finding.column) == ("<stdin>", 2, 19))
    }

    @Test func gitInternalsAreNotScanned() throws {
        let dir = try ScratchFolder()
        try dir.write(".git/objects/pack/blob", "\(TestSecret.token().text)\n")
        try dir.write(".git/COMMIT_EDITMSG", "\(TestSecret.token("G").text)\n")
        try dir.write("README.md", "hello\n")
        let run = try Hush.scan(["--format", "json", "."], in: dir.path)
        #expect(run.status == 0, "\(run.transcript)")
        #expect(try run.jsonReport().stats.files == 1)
    }
}
