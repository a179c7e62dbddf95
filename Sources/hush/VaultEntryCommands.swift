import ArgumentParser
import Foundation
import HushVault

/// Field options for `set` and `generate`.
struct VaultFieldOptions: ParsableArguments {
    @Option(help: "User name to store with the entry (visible in argv: see --fields-from).") var username: String?
    @Option(help: "URL to store with the entry (visible in argv: see --fields-from).") var url: String?
    @Option(help: "Notes to store with the entry (visible in argv: see --fields-from).") var notes: String?
    @Option(name: .customLong("tag"), help: "A tag (repeat for several; replaces the entry's tags).") var tags: [String] = []
    @Option(
        help: ArgumentHelp(
            "Read fields from a JSON object in FILE ('-' for stdin with generate): {\"username\", \"url\", \"notes\", \"tags\"}.",
            discussion: "Options on the command line are visible to every user of the machine in /proc/PID/cmdline and stay in shell history."))
    var fieldsFrom: String?

    func changes() throws -> FieldChanges {
        var changes = FieldChanges(username: username, url: url, notes: notes, tags: tags.isEmpty ? nil : tags)
        guard let fieldsFrom else { return changes }
        guard username == nil, url == nil, notes == nil, tags.isEmpty else {
            throw ValidationError("give fields either as options or in --fields-from, not both")
        }
        let data: Data
        if fieldsFrom == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: fieldsFrom) else {
                throw ValidationError("--fields-from: cannot read \(fieldsFrom)")
            }
            data = read
        }
        struct Fields: Decodable {
            var username: String?
            var url: String?
            var notes: String?
            var tags: [String]?
        }
        let known: Set<String> = ["username", "url", "notes", "tags"]
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let fields = try? JSONDecoder().decode(Fields.self, from: data)
        else {
            throw ValidationError("--fields-from \(fieldsFrom): expected a JSON object with string username, url, notes and a tags list")
        }
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ValidationError("--fields-from \(fieldsFrom): unknown key \"\(unknown)\" (username, url, notes, tags)")
        }
        changes.username = fields.username ?? changes.username
        changes.url = fields.url ?? changes.url
        changes.notes = fields.notes ?? changes.notes
        changes.tags = fields.tags ?? changes.tags
        return changes
    }
}

struct VaultSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Store a value: from stdin (one trailing newline dropped), or typed twice without echo.")

    @OptionGroup var options: VaultOptions
    @OptionGroup var fields: VaultFieldOptions
    @Flag(help: "Store an empty value (refused by default: an empty pipe is usually a mistake).") var allowEmpty = false
    @Argument(help: "Entry name, a path such as prod/db/password.") var name: String

    func run() throws {
        if options.passwordSource == .descriptor(STDIN_FILENO), !SecretInput.isTerminal(STDIN_FILENO) {
            throw ValidationError("--password-fd 0 and a value on stdin cannot share stdin")
        }
        if fields.fieldsFrom == "-" { throw ValidationError("--fields-from - and the value cannot share stdin; give a file") }
        let changes = try fields.changes()
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in
            let value: SecretBytes
            if SecretInput.isTerminal(STDIN_FILENO) {
                let first = try SecretInput.readFromTerminal(prompt: "Value for \(name): ")
                let second = try SecretInput.readFromTerminal(prompt: "Repeat: ")
                guard first.constantTimeEquals(second) else { throw VaultError.input("the two values do not match") }
                value = first
            } else {
                value = try SecretInput.readAll(from: STDIN_FILENO, name: "stdin")
            }
            if value.isEmpty, !allowEmpty {
                throw VaultError.input("the value for \(name) is empty (nothing on stdin?); nothing was stored. Pass --allow-empty to store an empty value")
            }
            let version = try vault.set(name, value: value, changes: changes)
            Terminal.note("stored \(name) (version \(version))")
        }
    }
}

struct VaultGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a password and store it without printing it (unless --show).")

    @OptionGroup var options: VaultOptions
    @OptionGroup var generator: GeneratorOptions
    @OptionGroup var fields: VaultFieldOptions
    @Flag(help: "Also print the generated value.") var show = false
    @Flag(name: [.short, .long], help: "Do not print the entropy to stderr.") var quiet = false
    @Argument(help: "Entry name.") var name: String

    func run() throws {
        if fields.fieldsFrom == "-", options.passwordSource == .descriptor(STDIN_FILENO) {
            throw ValidationError("--password-fd 0 and --fields-from - cannot share stdin")
        }
        let secretGenerator = try generator.validated()
        let changes = try fields.changes()
        let vault = try options.unlock()
        let value = secretGenerator.generate()
        let version = try CLIErrors.run { () throws(VaultError) in try vault.set(name, value: value, changes: changes) }
        if show { try Terminal.writeSecret(value) }
        if !quiet { Terminal.note(String(format: "stored %@ (version %d), entropy: %.1f bits", name, version, secretGenerator.entropyBits)) }
    }
}

struct VaultGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a value (no trailing newline unless stdout is a terminal).")

    @OptionGroup var options: VaultOptions
    @Option(help: "Print this field instead: \(EntryField.allCases.map(\.rawValue).joined(separator: ", ")).")
    var field: String = "value"
    @Option(help: "Print an earlier version (see `history`).") var version: Int?
    @Argument(help: "Entry name.") var name: String

    func run() throws {
        let vault = try options.unlock()
        let bytes = try CLIErrors.run { () throws(VaultError) in
            try EntryField(named: field).bytes(of: try vault.get(name, version: version))
        }
        try Terminal.writeSecret(bytes)
    }
}

struct VaultListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List entry names (a tree on a terminal, one per line otherwise).")

    @OptionGroup var options: VaultOptions
    @Option(help: "Only entries with this tag.") var tag: String?
    @Argument(help: "Only entries under this path.") var prefix: String?

    func run() throws {
        let vault = try options.unlock()
        let entries = try CLIErrors.run { () throws(VaultError) in try vault.list(prefix: prefix, tag: tag) }
        let names = entries.map(\.name)
        for line in SecretInput.isTerminal(STDOUT_FILENO) ? EntryTree.render(names) : names { Terminal.out(line) }
    }
}

struct VaultRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete an entry and its history.")

    @OptionGroup var options: VaultOptions
    @Argument(help: "Entry name.") var name: String

    func run() throws {
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in try vault.remove(name) }
        Terminal.note("removed \(name)")
    }
}

struct VaultMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mv", abstract: "Rename an entry, keeping its history.")

    @OptionGroup var options: VaultOptions
    @Argument(help: "Current name.") var oldName: String
    @Argument(help: "New name.") var newName: String

    func run() throws {
        let vault = try options.unlock()
        try CLIErrors.run { () throws(VaultError) in try vault.move(oldName, to: newName) }
        Terminal.note("moved \(oldName) to \(newName)")
    }
}

struct VaultHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List every stored version of an entry with its date.")

    @OptionGroup var options: VaultOptions
    @Argument(help: "Entry name.") var name: String

    func run() throws {
        let vault = try options.unlock()
        let versions = try CLIErrors.run { () throws(VaultError) in try vault.history(name) }
        for info in versions {
            Terminal.out("\(info.version)\t\(EntryField.timestamp(info.stored))\(info.isCurrent ? "\tcurrent" : "")")
        }
    }
}
