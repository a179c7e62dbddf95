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
            let vault = try Vault.open(at: path, password: password)
            if vault.wasUpgraded {
                Terminal.note("hush: upgraded \(path) to vault format 2 (every entry re-sealed under a new vault key)")
            }
            return vault
        }
    }
}

/// The floor a new master password must clear.
enum MasterPasswordPolicy {
    static func check(_ password: SecretBytes, allowWeak: Bool) throws(VaultError) {
        guard !password.isEmpty else { throw .emptyPassword }
        let (bits, hint) = PasswordStrength.estimate(password)
        if !allowWeak, bits < PasswordStrength.masterPasswordFloor {
            throw .weakPassword(bits: bits, floor: PasswordStrength.masterPasswordFloor, hint: hint)
        }
    }
}

extension KDFLevel {
    /// The environment variable that unlocks `--kdf min` (tests and benchmarks only).
    static let insecureLevelVariable = "HUSH_ALLOW_INSECURE_KDF"

    /// `min` offers no protection against guessing: refused unless the environment asks for it.
    func checkAllowed() throws {
        guard self == .minimum, ProcessInfo.processInfo.environment[Self.insecureLevelVariable] != "1" else { return }
        throw ValidationError(
            "--kdf min makes the master password trivial to guess; it exists for tests only and needs \(Self.insecureLevelVariable)=1")
    }
}

extension KDFLevel: ExpressibleByArgument {
    // "min" is accepted for tests but not advertised.
    public static var allValueStrings: [String] { ["interactive", "moderate", "sensitive"] }
}
