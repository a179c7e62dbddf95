import ArgumentParser
import Foundation
import HushVault

/// Options every `vault` subcommand takes: where the vault is and where the master password comes from.
struct VaultOptions: ParsableArguments {
    @Option(help: "Vault file (default: $HUSH_VAULT, else $XDG_DATA_HOME/hush/vault.db, else ~/.local/share/hush/vault.db).")
    var vault: String?
    @Option(help: "Read the master password from the first line of FILE (or set HUSH_PASSWORD_FILE to a path).")
    var passwordFile: String?
    @Option(help: "Read the master password from the first line of file descriptor N.")
    var passwordFd: Int32?

    var environment: [String: String] { ProcessInfo.processInfo.environment }
    var path: String { VaultFiles.resolvePath(explicit: vault, environment: environment) }
    var passwordSource: PasswordSource {
        SecretInput.passwordSource(file: passwordFile, descriptor: passwordFd, environment: environment)
    }

    /// Asks for (or reads) the master password and unlocks the vault.
    func unlock() throws -> Vault {
        try CLIErrors.run { () throws(VaultError) in
            let password = try SecretInput.readPassword(from: passwordSource, prompt: "Master password for \(path): ")
            return try Vault.open(at: path, password: password)
        }
    }
}

extension KDFLevel: ExpressibleByArgument {
    // "min" is accepted for tests but not advertised.
    public static var allValueStrings: [String] { ["interactive", "moderate", "sensitive"] }
}
