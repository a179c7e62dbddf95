/// Writes an env file (`NAME=value` lines) that POSIX sh (`set -a; . ./file` in dash and bash) and
/// python-dotenv read back to exactly the same values (tested against both).
///
/// Quoting, from what each reader decodes: a value made only of `[A-Za-z0-9_./:@%+,-]` is written bare;
/// otherwise a value with no `'` and no `\\` goes in single quotes; otherwise a value with no `$` and no
/// `` ` `` goes in double quotes with `\` and `"` escaped. What no single line can carry for both readers
/// is refused: a CR (python-dotenv reads in text mode and turns it into LF; dash has no `$'\r'`), a
/// trailing backslash (python-dotenv's quote matching runs past `'a\'`), and `'` or `\\` together with
/// `$` or `` ` ``. python-dotenv with its default `interpolate=True` also expands `${NAME}` in every
/// quoting and has no escape for it: `dotenvExpands` finds those values so the caller can warn.
/// docker's `--env-file` takes every line literally, quotes included: only bare values mean the same there.
/// The file is assembled in guarded memory.
package enum EnvFile {
    /// The env file for `entries`, names as `ExportKey.envName` maps them, sorted by name. Names that change
    /// how shells and loaders behave (`PATH`, `LD_PRELOAD`, …) are refused unless `allowDangerousNames`.
    package static func render(_ entries: [ExportEntry], prefix: String?, allowDangerousNames: Bool = false)
        throws(ExportError) -> SecretText
    {
        let keyed = try ExportKey.assign(entries, prefix: prefix, key: ExportKey.envName)
        var text = SecretText(capacity: keyed.reduce(64) { $0 + $1.key.utf8.count + $1.entry.value.count * 2 + 4 })
        for (key, entry) in keyed {
            if !allowDangerousNames, ExportKey.isDangerousEnvName(key) { throw .dangerousName(entry: entry.name, name: key) }
            try entry.value.withUnsafeBytes { (value) throws(ExportError) in
                guard !value.contains(0) else { throw .unrepresentableValue(entry: entry.name, reason: "it contains a NUL byte") }
                guard UTF8Check.firstInvalidByte(value) == nil else {
                    throw .unrepresentableValue(entry: entry.name, reason: "it is not UTF-8 text")
                }
                text.append(key)
                text.append(byte: UInt8(ascii: "="))
                do throws(ExportError) {
                    try quote(value, into: &text)
                } catch {
                    if case let .unrepresentableValue(_, reason) = error { throw .unrepresentableValue(entry: entry.name, reason: reason) }
                    throw error
                }
                text.append(byte: UInt8(ascii: "\n"))
            }
        }
        return text
    }

    /// Appends `value` as it should appear after `NAME=`, or says why no quoting carries it.
    static func quote(_ value: UnsafeRawBufferPointer, into text: inout SecretText) throws(ExportError) {
        let quote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\"), dollar = UInt8(ascii: "$"), backtick = UInt8(ascii: "`")
        if !value.isEmpty && value.allSatisfy(isBare) {
            text.append(bytes: value)
            return
        }
        if value.contains(0x0D) {
            throw .unrepresentableValue(entry: "", reason: "it contains a carriage return, which python-dotenv reads back as a newline")
        }
        if value.last == backslash {
            throw .unrepresentableValue(entry: "", reason: "it ends with a backslash, which python-dotenv misreads in any quoting")
        }
        let doubleBackslash = zip(value.dropLast(), value.dropFirst()).contains { $0 == backslash && $1 == backslash }
        if !value.contains(quote) && !doubleBackslash {
            text.append(byte: quote)
            text.append(bytes: value)
            text.append(byte: quote)
            return
        }
        guard !value.contains(dollar), !value.contains(backtick) else {
            throw .unrepresentableValue(
                entry: "", reason: "it holds ' or \\\\ together with $ or `, which no quoting gives back the same in sh and python-dotenv")
        }
        text.append(byte: UInt8(ascii: "\""))
        for byte in value {
            if byte == backslash || byte == UInt8(ascii: "\"") { text.append(byte: backslash) }
            text.append(byte: byte)
        }
        text.append(byte: UInt8(ascii: "\""))
    }

    /// Whether python-dotenv's default interpolation would change `value` (a `${…}` in it).
    package static func dotenvExpands(_ value: SecretBytes) -> Bool {
        value.withUnsafeBytes { bytes in
            guard bytes.count >= 3 else { return false }
            for index in 0..<(bytes.count - 2) where bytes[index] == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "{") {
                if bytes[(index + 2)...].contains(UInt8(ascii: "}")) { return true }
            }
            return false
        }
    }

    /// `value` quoted, for tests and documentation (leaves guarded memory); nil when it is refused.
    package static func quote(_ value: String) -> String? {
        var text = SecretText(capacity: value.utf8.count * 2 + 2)
        let ok = Array(value.utf8).withUnsafeBytes { bytes in (try? quote(bytes, into: &text)) != nil }
        return ok ? text.unprotectedString() : nil
    }

    private static func isBare(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "%"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
