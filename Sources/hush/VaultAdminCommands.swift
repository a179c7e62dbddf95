import ArgumentParser
import Foundation
import HushVault

struct VaultInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a vault (mode 0600; new directories 0700), asking for the master password twice.")

    @OptionGroup var options: VaultOptions
    @Option(help: "Argon2id cost: interactive (64 MiB), moderate (256 MiB, default), sensitive (1 GiB).")
    var kdf: KDFLevel = .moderate

    func run() throws {
        let path = options.path
        let vault = try CLIErrors.run { () throws(VaultError) in
            let password = try SecretInput.readPassword(
                from: options.passwordSource, prompt: "New master password for \(path): ", confirm: true)
            return try Vault.create(at: path, password: password, kdf: kdf.parameters)
        }
        Terminal.note("created \(vault.path) (\(vault.kdfParameters))")
    }
}

struct VaultPasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change the master password (rewraps the vault key in one transaction).")

    @OptionGroup var options: VaultOptions
    @Option(help: "Read the new master password from the first line of FILE.") var newPasswordFile: String?
    @Option(help: "Also change the Argon2id cost.") var kdf: KDFLevel?

    func run() throws {
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in
            let source: PasswordSource = newPasswordFile.map { .file($0) } ?? .terminal
            let password = try SecretInput.readPassword(from: source, prompt: "New master password: ", confirm: true)
            try vault.changePassword(to: password, kdf: kdf?.parameters)
        }
        Terminal.note("master password changed (\(vault.kdfParameters))")
    }
}

struct VaultCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decrypt every record, verify every tag and the entry index, and run SQLite's integrity check.")

    @OptionGroup var options: VaultOptions

    func run() throws {
        let vault = try options.unlock()
        let report = try CLIErrors.run { () throws(VaultError) in try vault.check() }
        for problem in report.problems { Terminal.out("TAMPERED: \(problem)") }
        Terminal.out("checked \(report.entries) entries, \(report.versions) versions: \(report.isClean ? "OK" : "\(report.problems.count) problem(s)")")
        if !report.isClean { throw ExitCode(4) }
    }
}

struct VaultBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent, still encrypted copy through SQLite's backup API.")

    @OptionGroup var options: VaultOptions
    @Argument(help: "Destination file (must not exist).") var file: String

    func run() throws {
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in try vault.backup(to: file) }
        Terminal.note("backed up to \(file)")
    }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case k8sSecret = "k8s-secret"
    case env
}

struct VaultExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print entries as a Kubernetes Secret manifest or an env file.",
        discussion: """
            Keys come from the entry name after --prefix (or the whole name). Secret keys: characters outside \
            [-._a-zA-Z0-9] become '_' (db/password -> db_password). Env names: upper-cased, characters outside \
            [A-Z0-9_] become '_', a leading digit gets '_' (db/password -> DB_PASSWORD).
            """)

    @OptionGroup var options: VaultOptions
    @Option(help: "Output format: k8s-secret or env.") var format: ExportFormat
    @Option(help: "Export every entry under this path (keys are relative to it).") var prefix: String?
    @Option(help: "Secret metadata.name (default: derived from --prefix, else 'hush').") var secretName: String?
    @Option(help: "Secret metadata.namespace.") var namespace: String?
    @Argument(help: "Entries to export (or use --prefix).") var names: [String] = []

    func validate() throws {
        if names.isEmpty == (prefix == nil) { throw ValidationError("give entry names or --prefix (one of the two)") }
    }

    func run() throws {
        let vault = try options.unlock()
        let entries = try CLIErrors.run { () throws(VaultError) in try vault.exportEntries(names: names, prefix: prefix) }
        let text = try CLIErrors.run { () throws(ExportError) in
            switch format {
            case .k8sSecret:
                return try SecretManifest(name: secretName ?? SecretManifest.defaultName(prefix: prefix), namespace: namespace)
                    .render(entries, prefix: prefix)
            case .env:
                return try EnvFile.render(entries, prefix: prefix)
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct VaultImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store entries from JSON lines on stdin: {\"name\":…, \"value\":…, \"username\", \"url\", \"notes\", \"tags\"}.")

    @OptionGroup var options: VaultOptions
    @Option(help: "Entries per transaction.") var batch = 500
    @Flag(help: "Print each name on stdout once its transaction has committed.") var verbose = false

    func run() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
        if options.passwordSource == .descriptor(STDIN_FILENO) {
            throw ValidationError("--password-fd 0 and the import stream cannot share stdin")
        }
        let vault = try options.unlock()
        var pending: [EntryWrite] = []
        var total = 0
        var lineNumber = 0
        let flush = { (writes: [EntryWrite]) throws in
            _ = try CLIErrors.run { () throws(VaultError) in try vault.setMany(writes) }
            if verbose { for write in writes { Terminal.out(write.name) } }
        }
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            pending.append(try CLIErrors.run { () throws(VaultError) in
                try ImportLine.parse(Data(line.utf8), lineNumber: lineNumber)
            })
            if pending.count == batch {
                try flush(pending)
                total += pending.count
                pending.removeAll()
            }
        }
        if !pending.isEmpty {
            try flush(pending)
            total += pending.count
        }
        Terminal.note("imported \(total) entries")
    }
}
