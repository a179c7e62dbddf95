import ArgumentParser
import Foundation
import HushVault

/// Writing to stdout/stderr, and turning library errors into a message and an exit code.
enum Terminal {
    static func write(_ bytes: UnsafeRawBufferPointer, to handle: FileHandle) {
        handle.write(Data(bytes))
    }

    /// Writes secret bytes straight from guarded memory; `newline` nil means "a newline only when stdout
    /// is a terminal".
    static func writeSecret(_ secret: SecretBytes, newline: Bool? = nil) throws {
        try CLIErrors.run { () throws(VaultError) in try SecretOutput.write(secret, to: STDOUT_FILENO) }
        if newline ?? SecretInput.isTerminal(STDOUT_FILENO) { out("") }
    }

    /// Writes assembled secret text straight from guarded memory.
    static func writeSecret(_ text: SecretText) throws {
        try CLIErrors.run { () throws(VaultError) in try SecretOutput.write(text, to: STDOUT_FILENO) }
    }

    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

enum CLIErrors {
    /// Runs `body`; a library error becomes "hush: message" on stderr and its exit code.
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch let error as VaultError {
            Terminal.note("hush: \(error.localizedDescription)")
            throw ExitCode(error.exitCode)
        } catch let error as GeneratorError {
            // A request no generator can meet is a usage error, as a malformed value is: 2 in both.
            Terminal.note("hush: \(error.errorDescription ?? String(describing: error))")
            throw ExitCode(2)
        } catch let error as LocalizedError {
            Terminal.note("hush: \(error.errorDescription ?? String(describing: error))")
            throw ExitCode.failure
        } catch {
            Terminal.note("hush: \(error)")
            throw ExitCode.failure
        }
    }
}
