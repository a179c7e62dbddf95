import Foundation

/// What one run of a program did: its exit status and output.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String

    public var out: String { String(decoding: stdout, as: UTF8.self) }

    /// stdout + stderr, for failure messages.
    public var transcript: String { "exit \(status)\n--- stdout\n\(out)\n--- stderr\n\(stderr)" }

    /// Runs `executable` with `arguments`, feeding `stdin`, in `directory`, with `environment`
    /// (nil: this process's). Output goes through files, so a program that writes a lot never
    /// blocks on a full pipe. A program still running after `timeout` seconds is killed: a hang
    /// guard, not a timing assertion (`killed` says it happened).
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, stdinFile: String? = nil,
        in directory: String? = nil, environment: [String: String]? = nil, timeout: Double = 300
    ) throws -> (run: ProgramRun, killed: Bool) {
        let scratch = try ScratchFolder(prefix: "hush-run")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let stdoutPath = try scratch.write("stdout", "")
        let stderrPath = try scratch.write("stderr", "")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        if let stdinFile {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
        } else if let stdin {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: try scratch.write("stdin", bytes: Array(stdin))))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        let run = ProgramRun(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: URL(fileURLWithPath: stdoutPath)),
            stderr: try String(contentsOfFile: stderrPath, encoding: .utf8))
        return (run, process.terminationReason != .exit)
    }

    /// Why a program run could not be trusted.
    public struct Hung: Error, CustomStringConvertible {
        public var description: String
    }

    /// `run` with text on stdin, for programs that must finish: a run killed by the hang guard throws.
    public static func capture(
        _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil
    ) throws -> ProgramRun {
        let (run, killed) = try run(executable, arguments, stdin: stdin.map { Data($0.utf8) }, environment: environment)
        if killed { throw Hung(description: "\(executable) \(arguments) did not finish and was killed") }
        return run
    }
}
