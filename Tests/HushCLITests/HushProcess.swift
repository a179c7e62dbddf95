import Foundation
import HushScan
import HushTestSupport
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

/// Runs the `hush` binary built with the tests (`HushBinary`): shared by every CLI suite.
enum Hush {
    /// The package's root folder.
    static var packageRoot: URL { Fixtures.packageRoot }

    /// The flags that make a scan use only the test rules, so results do not depend on the built-in rules.
    static let testRuleFlags = ["--no-builtin-rules", "--rules", Fixtures.testRules]

    /// Runs `hush arguments...`, feeding `stdin`, in `directory`. With `unprivileged`, a root test
    /// process drops to user `nobody` (setpriv) so file permissions apply to hush as they would to
    /// a normal user.
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: String? = nil,
        environment: [String: String] = [:], unprivileged: Bool = false
    ) throws -> HushRun {
        let binary = try #require(HushBinary.url, "no built hush binary found; run `swift build --build-tests` first")
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.merge(environment) { _, new in new }
        let (executable, argv) = unprivileged && geteuid() == 0
            ? ("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments)
            : (binary.path, arguments)
        let (run, killed) = try ProgramRun.run(
            executable, argv, stdin: stdin.map { Data($0.utf8) }, in: directory, environment: env)
        // A hang guard, not a timing assertion: a scan that blocks (on a FIFO, say) is killed.
        #expect(!killed, "hush was killed (hung?) running \(arguments)")
        return HushRun(status: run.status, stdout: run.out, stderr: run.stderr)
    }

    /// `hush scan` with the test rules.
    static func scan(
        _ arguments: [String], stdin: String? = nil, in directory: String? = nil, unprivileged: Bool = false
    ) throws -> HushRun {
        try run(["scan"] + testRuleFlags + arguments, stdin: stdin, in: directory, unprivileged: unprivileged)
    }
}
