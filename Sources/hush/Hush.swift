import ArgumentParser
import Foundation

@main
struct Hush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hush",
        abstract: "Find leaked credentials, and keep your own secrets safe.",
        discussion: """
            Scan source trees, config files and Kubernetes manifests (base64 Secret data included) \
            for leaked credentials, generate strong passwords, or keep secrets in an encrypted, \
            offline vault.

            Start with:  hush scan .        hush gen --for url        hush vault init
            """,
        version: HushVersion.string,
        subcommands: [ScanCommand.self, RulesCommand.self, ConfigCommand.self, BaselineCommand.self, GenCommand.self, VaultCommand.self]
    )

    /// Runs the command. `hush scan` gives exit status 1 the meaning "findings", so every other
    /// failure (ArgumentParser's usage errors would be 64, thrown errors 1) leaves with status 2.
    static func main() {
        // A parent can hand hush a signal mask that blocks SIGTERM (Foundation's Process does: the child
        // inherits the spawning thread's mask) or an ignored SIGTERM: then `timeout`, systemd or a CI runner
        // could not cancel a long scan or an Argon2id unlock. Unblock the termination signals and take
        // SIGTERM's default back; SIGINT and SIGHUP keep an inherited SIG_IGN (background jobs, nohup).
        var termination = sigset_t()
        sigemptyset(&termination)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&termination, signalNumber) }
        sigprocmask(SIG_UNBLOCK, &termination, nil)
        signal(SIGTERM, SIG_DFL)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }  // help, version, completions
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        }
    }
}

enum HushVersion {
    static let string = "0.1.0"
}
