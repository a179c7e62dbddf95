import ArgumentParser

struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault", abstract: "Keep secrets in an encrypted, offline vault.",
        discussion: """
            One SQLite file, every field sealed with XChaCha20-Poly1305 under a key unwrapped by your master \
            password (Argon2id). Exit codes: 0 ok, 1 error, 3 wrong master password, 4 integrity failure.
            """,
        subcommands: [
            VaultInitCommand.self, VaultSetCommand.self, VaultGenerateCommand.self, VaultGetCommand.self,
            VaultListCommand.self, VaultRemoveCommand.self, VaultMoveCommand.self, VaultHistoryCommand.self,
            VaultPasswdCommand.self, VaultCheckCommand.self, VaultBackupCommand.self, VaultExportCommand.self,
            VaultImportCommand.self,
        ])
}
