import Foundation
import HushTestSupport

/// A scratch directory with a vault path and password files, removed when released.
final class VaultCLISandbox {
    private let scratch: ScratchFolder
    let directory: String
    let vault: String
    let passwordFile: String
    static let password = "cli sandbox passphrase: plover anvil quartz"

    init() throws {
        scratch = try ScratchFolder(prefix: "hush-vault-cli")
        directory = scratch.path
        vault = directory + "/vault.db"
        passwordFile = directory + "/master.txt"
        try (Self.password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
    }

    func file(_ name: String) -> String { directory + "/" + name }

    /// `hush ARGS…` with stdin from `input` (or a file), an environment without HUSH_* leaking in.
    func run(
        _ arguments: [String], input: Data? = nil, stdinFile: String? = nil, environment extra: [String: String] = [:],
        executable: String = HushBinary.path
    ) throws -> ProgramRun {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HUSH_") }
        environment["HOME"] = directory
        environment["XDG_DATA_HOME"] = directory + "/data"
        // Every test vault uses --kdf min, which hush refuses without this.
        environment["HUSH_ALLOW_INSECURE_KDF"] = "1"
        for (key, value) in extra { environment[key] = value }
        let (run, killed) = try ProgramRun.run(
            executable, arguments, stdin: input ?? Data(), stdinFile: stdinFile, environment: environment)
        if killed { throw CLIFailure(message: "hush \(arguments) hung and was killed") }
        return run
    }

    /// `hush vault SUBCOMMAND --vault V --password-file P ARGS…`.
    func vaultRun(_ subcommand: String, _ arguments: [String] = [], input: Data? = nil) throws -> ProgramRun {
        try run(["vault", subcommand, "--vault", vault, "--password-file", passwordFile] + arguments, input: input)
    }

    /// Creates the vault with the minimum KDF cost (tests only).
    func initVault() throws {
        let result = try vaultRun("init", ["--kdf", "min"])
        guard result.status == 0 else { throw CLIFailure(message: result.stderr) }
    }

    /// JSON lines for `vault import`.
    static func importLines(prefix: String, count: Int) -> String {
        (0..<count).map { #"{"name":"\#(prefix)/entry-\#($0)","value":"value-\#($0)"}"# }.joined(separator: "\n") + "\n"
    }
}

struct CLIFailure: Error {
    let message: String
}
