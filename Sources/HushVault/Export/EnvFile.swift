/// Writes an env file (`NAME=value` lines) that POSIX sh can source (`set -a; . ./file`) and that
/// docker compose and python-dotenv read back to the same values.
///
/// Quoting: a value made only of `[A-Za-z0-9_./:@%+,-]` is written bare; otherwise, a value without
/// `'` goes in single quotes (taken literally by every reader); otherwise double quotes, with `\`, `"`,
/// `$` and `` ` `` escaped by a backslash.
package enum EnvFile {
    /// The env file text for `entries`, names as `ExportKey.envName` maps them, sorted by name.
    package static func render(_ entries: [ExportEntry], prefix: String?) throws(ExportError) -> String {
        let keyed = try ExportKey.assign(entries, prefix: prefix, key: ExportKey.envName)
        var out = ""
        for (key, entry) in keyed {
            let bytes = entry.value.unprotectedBytes()
            guard !bytes.contains(0) else { throw .unrepresentableValue(entry: entry.name, reason: "it contains a NUL byte") }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .unrepresentableValue(entry: entry.name, reason: "it is not UTF-8 text")
            }
            out += "\(key)=\(quote(text))\n"
        }
        return out
    }

    /// The value as it should appear after `NAME=`.
    package static func quote(_ value: String) -> String {
        if !value.isEmpty && value.unicodeScalars.allSatisfy(isBare) { return value }
        if !value.contains("'") { return "'" + value + "'" }
        var escaped = ""
        for ch in value {
            if ch == "\\" || ch == "\"" || ch == "$" || ch == "`" { escaped.append("\\") }
            escaped.append(ch)
        }
        return "\"" + escaped + "\""
    }

    private static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", ".", "/", ":", "@", "%", "+", ",", "-": true
        default: false
        }
    }
}
