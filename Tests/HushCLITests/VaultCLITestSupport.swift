import Foundation

/// The built `hush` binary, found the same way as every CLI suite finds it (`Hush.executable`).
enum HushBinary {
    static var path: String { Hush.executable?.path ?? "hush" }
}

/// The result of one `hush` run.
struct VaultCLIRun {
    let status: Int32
    let stdout: Data
    let stderr: String

    var out: String { String(decoding: stdout, as: UTF8.self) }
}

/// A scratch directory with a vault path and password files, removed when released.
final class VaultCLISandbox {
    let directory: String
    let vault: String
    let passwordFile: String
    static let password = "cli test master password"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hush-vault-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        vault = directory + "/vault.db"
        passwordFile = directory + "/master.txt"
        try (Self.password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func file(_ name: String) -> String { directory + "/" + name }

    /// `hush ARGS…` with stdin from `input` (or a file), an environment without HUSH_* leaking in.
    func run(_ arguments: [String], input: Data? = nil, stdinFile: String? = nil, environment extra: [String: String] = [:])
        throws -> VaultCLIRun
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HushBinary.path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HUSH_") }
        environment["HOME"] = directory
        environment["XDG_DATA_HOME"] = directory + "/data"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        if let stdinFile {
            process.standardInput = FileHandle(forReadingAtPath: stdinFile)
        } else {
            process.standardInput = inputPipe
        }
        try process.run()
        if stdinFile == nil {
            if let input { inputPipe.fileHandleForWriting.write(input) }
            try inputPipe.fileHandleForWriting.close()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return VaultCLIRun(status: process.terminationStatus, stdout: out, stderr: String(decoding: err, as: UTF8.self))
    }

    /// `hush vault SUBCOMMAND --vault V --password-file P ARGS…`.
    func vaultRun(_ subcommand: String, _ arguments: [String] = [], input: Data? = nil) throws -> VaultCLIRun {
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
