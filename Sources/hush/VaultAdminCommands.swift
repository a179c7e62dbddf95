import ArgumentParser
import Foundation
import HushVault

struct VaultInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a vault (mode 0600; new directories 0700), asking for the master password twice.")

    @OptionGroup var options: VaultOptions
    @Option(help: "Argon2id cost: interactive (64 MiB), moderate (256 MiB, default), sensitive (1 GiB).")
    var kdf: KDFLevel = .moderate
    @Flag(help: "Accept a master password below the strength floor.") var allowWeak = false

    func run() throws {
        try kdf.checkAllowed()
        let path = options.path
        let vault = try CLIErrors.run { () throws(VaultError) in
            let password = try SecretInput.readPassword(
                from: options.passwordSource, prompt: "New master password for \(path): ", confirm: true)
            try MasterPasswordPolicy.check(password, allowWeak: allowWeak)
            return try Vault.create(at: path, password: password, kdf: kdf.parameters)
        }
        Terminal.note("created \(vault.path) (\(vault.kdfParameters))")
    }
}

struct VaultPasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change the master password and re-seal every entry under a new vault key, in one transaction.")

    @OptionGroup var options: VaultOptions
    @Option(help: "Read the new master password from the first line of FILE.") var newPasswordFile: String?
    @Option(help: "Also change the Argon2id cost.") var kdf: KDFLevel?
    @Flag(
        inversion: .prefixedNo,
        help: "Re-seal every entry under a fresh vault key (default), so an old copy of the file and the old password open nothing new; --no-rotate-key only rewraps the key.")
    var rotateKey = true
    @Flag(help: "Accept a master password below the strength floor.") var allowWeak = false

    func run() throws {
        try kdf?.checkAllowed()
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in
            let source: PasswordSource = newPasswordFile.map { .file($0) } ?? .terminal
            let password = try SecretInput.readPassword(from: source, prompt: "New master password: ", confirm: true)
            try MasterPasswordPolicy.check(password, allowWeak: allowWeak)
            try vault.changePassword(to: password, kdf: kdf?.parameters, rotateKey: rotateKey)
        }
        Terminal.note("master password changed\(rotateKey ? ", vault key rotated" : "") (\(vault.kdfParameters))")
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
    @Flag(help: "Allow env names such as PATH, IFS, LD_PRELOAD or BASH_ENV, which change how shells and loaders behave.")
    var allowDangerousNames = false
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
                return try EnvFile.render(entries, prefix: prefix, allowDangerousNames: allowDangerousNames)
            }
        }
        if format == .env {
            for entry in entries where EnvFile.dotenvExpands(entry.value) {
                Terminal.note(
                    "hush: warning: the value of \(entry.name) holds ${…}, which python-dotenv expands by default "
                        + "(read it with interpolate=False); sh and compose read it as written")
            }
        }
        try Terminal.writeSecret(text)
    }
}

struct VaultImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store entries from JSON lines on stdin: {\"name\":…, \"value\":…, \"username\", \"url\", \"notes\", \"tags\"}.",
        discussion: """
            All or nothing by default: one bad line and nothing is stored. An entry whose value and fields are \
            already as given gets no new version, so a rerun changes nothing.
            """)

    @OptionGroup var options: VaultOptions
    @Option(help: "Commit every N entries instead of all at once (a failure then keeps the batches already committed).")
    var batch: Int?
    @Flag(help: "Accept entries with an empty value.") var allowEmpty = false
    @Flag(help: "Print each name on stdout once its transaction has committed.") var verbose = false

    func run() throws {
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1") }
        if options.passwordSource == .descriptor(STDIN_FILENO) {
            throw ValidationError("--password-fd 0 and the import stream cannot share stdin")
        }
        let vault = try options.unlock()
        let reader = SecretLineReader(descriptor: STDIN_FILENO, name: "stdin")
        var lineNumber = 0
        let summary = try CLIErrors.run { () throws(VaultError) in
            try vault.importEntries(batchSize: batch, committed: { names in if verbose { for name in names { Terminal.out(name) } } }) {
                () throws(VaultError) -> EntryWrite? in
                while true {
                    lineNumber += 1
                    let number = lineNumber
                    let parsed = try reader.nextLine { (line) throws(VaultError) -> EntryWrite? in
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                        let write = try ImportLine.parse(line, lineNumber: number)
                        if write.value.isEmpty, !allowEmpty {
                            throw VaultError.input("import line \(number): the value of \(write.name) is empty; pass --allow-empty to store it")
                        }
                        return write
                    }
                    guard let parsed else { return nil }  // end of input
                    if let write = parsed { return write }  // a blank line otherwise: read on
                }
            }
        }
        Terminal.note(
            "imported \(summary.added + summary.changed + summary.unchanged) entries: \(summary.added) added, "
                + "\(summary.changed) changed, \(summary.unchanged) unchanged")
    }
}
