import Foundation
import HushScan
import Testing

/// What one run of the built `hush` binary did.
struct HushRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout + stderr, for failure messages.
    var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// The stdout of a `--format json` run, decoded.
    func jsonReport() throws -> ReportDocument {
        try JSONDecoder().decode(ReportDocument.self, from: Data(stdout.utf8))
    }
}

/// Runs the `hush` binary built next to this test bundle: shared by every CLI suite.
enum Hush {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rules file every scan test uses, so results do not depend on the built-in rules.
    static let testRules = packageRoot.appendingPathComponent("Fixtures/rules/test-rules.yaml").path

    /// The flags that make a scan use only the test rules.
    static let testRuleFlags = ["--no-builtin-rules", "--rules", testRules]

    /// The built binary: beside the test bundle (the products folder of this build), else the
    /// newest `.build*/debug/hush` under the package root.
    static let executable: URL? = {
        let fileManager = FileManager.default
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("hush")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let builds = ((try? fileManager.contentsOfDirectory(atPath: packageRoot.path)) ?? []).filter { $0.hasPrefix(".build") }
        let candidates = builds.flatMap { build in
            ["debug/hush", "x86_64-unknown-linux-gnu/debug/hush", "aarch64-unknown-linux-gnu/debug/hush"].map {
                packageRoot.appendingPathComponent(build).appendingPathComponent($0)
            }
        }.filter { fileManager.isExecutableFile(atPath: $0.path) }
        func modified(_ url: URL) -> Date {
            ((try? fileManager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.max { modified($0) < modified($1) }
    }()

    /// Runs `hush arguments...`, feeding `stdin`, in `directory`. With `unprivileged`, a root test
    /// process drops to user `nobody` (setpriv) so file permissions apply to hush as they would to
    /// a normal user.
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: String? = nil,
        environment: [String: String] = [:], unprivileged: Bool = false
    ) throws -> HushRun {
        let binary = try #require(executable, "no built hush binary found; run `swift build --build-tests` first")
        let scratch = try ScratchFolder()
        let process = Process()
        if unprivileged && geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdoutPath = try scratch.write("stdout", "")
        let stderrPath = try scratch.write("stderr", "")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        if let stdin {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: try scratch.write("stdin", stdin)))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        // A hang guard, not a timing assertion: a scan that blocks (on a FIFO, say) is killed.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        #expect(process.terminationReason == .exit, "hush was killed (hung?) running \(arguments)")
        return HushRun(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: stdoutPath, encoding: .utf8),
            stderr: try String(contentsOfFile: stderrPath, encoding: .utf8))
    }

    /// `hush scan` with the test rules.
    static func scan(
        _ arguments: [String], stdin: String? = nil, in directory: String? = nil, unprivileged: Bool = false
    ) throws -> HushRun {
        try run(["scan"] + testRuleFlags + arguments, stdin: stdin, in: directory, unprivileged: unprivileged)
    }
}

/// A temporary folder (mode 0755, so an unprivileged hush can read it), removed on release.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hush-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` at `relative` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }
}

/// Synthetic tokens for the test rules (Fixtures/rules/test-rules.yaml). Never real credentials.
enum TestSecret {
    /// A `hush-test-token` (high confidence); `seed` varies the last character.
    static func token(_ seed: Character = "A") -> (text: String, secret: String) {
        let secret = "Zq81LmNoPqRsTuVwXy2" + String(seed)
        return ("hushtest_" + secret, secret)
    }

    /// A `hush-test-weak` token (low confidence).
    static let weak = (text: "hushweak_k3j9x2m8q7w1", secret: "k3j9x2m8q7w1")
}
