/// Turns entry names into Secret data keys and environment variable names.
///
/// The part of the name after `--prefix` (or the whole name) is used:
/// - Secret key: every character outside `[-._a-zA-Z0-9]` (so every `/`) becomes `_`:
///   `prod/db/password` with prefix `prod/` → `db_password`.
/// - Env name: upper-cased, every character outside `[A-Z0-9_]` becomes `_`, and a leading digit gets a `_`
///   in front: `db/password` → `DB_PASSWORD`, `1st-key` → `_1ST_KEY`.
package enum ExportKey {
    /// The name relative to `prefix` (a trailing `/` on the prefix is optional).
    package static func relativeName(_ name: String, prefix: String?) -> String {
        guard let prefix, !prefix.isEmpty else { return name }
        let base = prefix.hasSuffix("/") ? prefix : prefix + "/"
        if name.hasPrefix(base) { return String(name.dropFirst(base.count)) }
        if name == prefix { return String(name.split(separator: "/").last ?? Substring(name)) }
        return name
    }

    /// A Kubernetes Secret `data` key for `relativeName`.
    package static func secretKey(_ relativeName: String) -> String {
        String(relativeName.map { isSecretKeyCharacter($0) ? $0 : "_" })
    }

    /// An environment variable name for `relativeName`.
    package static func envName(_ relativeName: String) -> String {
        let mapped = String(relativeName.uppercased().map { ch -> Character in
            (ch.isASCII && (ch.isLetter || ch.isNumber)) || ch == "_" ? ch : "_"
        })
        return mapped.first?.isNumber == true ? "_" + mapped : mapped
    }

    /// Throws unless `key` is a Secret data key the API server accepts: `[-._a-zA-Z0-9]+`, at most 253
    /// characters, not `.` or `..`, not starting with `..`.
    static func validateSecretKey(_ key: String, entry: String) throws(ExportError) {
        let reason: String? =
            key.isEmpty ? "it is empty"
            : key.utf8.count > 253 ? "it is longer than 253 characters"
            : key == "." || key == ".." ? "'.' and '..' are not allowed"
            : key.hasPrefix("..") ? "it starts with '..'"
            : !key.allSatisfy(isSecretKeyCharacter) ? "only letters, digits, '-', '.' and '_' are allowed"
            : nil
        if let reason { throw .invalidKey(entry: entry, key: key, reason: reason) }
    }

    /// Variables that change how a shell, the dynamic loader or an interpreter behaves: an env file that
    /// sets one can run code or break every command after it, so exporting one needs an explicit flag.
    static func isDangerousEnvName(_ name: String) -> Bool {
        let exact: Set<String> = [
            "PATH", "IFS", "ENV", "BASH_ENV", "SHELLOPTS", "BASHOPTS", "PS1", "PS2", "PS4", "PROMPT_COMMAND", "CDPATH",
            "HOME", "SHELL", "TMPDIR", "GLOBIGNORE", "HISTFILE", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME",
            "NODE_OPTIONS", "NODE_PATH", "PERL5OPT", "PERL5LIB", "PERLLIB", "RUBYOPT", "RUBYLIB", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "EDITOR", "VISUAL",
            "PAGER", "GCONV_PATH", "HOSTALIASES", "LOCALDOMAIN", "RESOLV_HOST_CONF", "NLSPATH", "MALLOC_CHECK_",
        ]
        return exact.contains(name) || name.hasPrefix("LD_") || name.hasPrefix("DYLD_") || name.hasPrefix("BASH_FUNC_")
    }

    private static func isSecretKeyCharacter(_ ch: Character) -> Bool {
        ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-" || ch == "." || ch == "_")
    }

    /// Pairs each entry with its key, rejecting empty keys and collisions.
    static func assign(
        _ entries: [ExportEntry], prefix: String?, key: (String) -> String
    ) throws(ExportError) -> [(key: String, entry: ExportEntry)] {
        guard !entries.isEmpty else { throw .noEntries }
        var owner: [String: String] = [:]
        var result: [(key: String, entry: ExportEntry)] = []
        for entry in entries {
            let mapped = key(relativeName(entry.name, prefix: prefix))
            guard !mapped.isEmpty, mapped.contains(where: { $0 != "_" }) else { throw .emptyKey(entry: entry.name) }
            if let first = owner[mapped] { throw .keyCollision(key: mapped, first: first, second: entry.name) }
            owner[mapped] = entry.name
            result.append((mapped, entry))
        }
        return result.sorted { $0.key < $1.key }
    }
}

/// One entry to export: its name and decrypted value.
package struct ExportEntry {
    /// The entry's full name.
    package let name: String
    /// The decrypted value.
    package let value: SecretBytes

    /// Pairs a name with its value.
    package init(name: String, value: SecretBytes) {
        self.name = name
        self.value = value
    }
}
