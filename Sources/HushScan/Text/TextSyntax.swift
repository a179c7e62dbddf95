import Foundation

/// What a blob's text is written in, as far as reading a value after a key goes: in code an
/// unquoted right-hand side is an expression (`password = module.params['password']`), never the
/// secret itself; in shell `$NAME` and `$(…)` expand at run time. Told by the file's name and its
/// `#!` line; anything else is read as configuration or prose.
package enum TextSyntax: Sendable, Hashable {
    case code
    case shell
    case other
    /// Published known-answer data (`hpke-test-vectors.json`, Wycheproof files, NIST CAVP `.rsp`):
    /// every key-named hex string there is a test vector anyone can read, so the generic detector
    /// passes over it; provider rules still run.
    case knownAnswers

    private static let codeExtensions: Set<String> = [
        "py", "pyw", "pyi", "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "go", "rb", "java", "kt", "kts",
        "scala", "swift", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "cs", "php", "pl", "pm", "lua",
        "dart", "m", "mm", "groovy", "gradle", "jl", "ex", "exs", "erl", "hs", "clj", "cljs", "vb", "fs", "ps1",
        "psm1", "psd1", "nim", "zig", "sol", "vue", "svelte",
    ]
    private static let shellExtensions: Set<String> = ["sh", "bash", "zsh", "ksh", "fish", "mk", "bats"]
    private static let shellNames: Set<String> = ["makefile", "gnumakefile", ".bashrc", ".profile", ".zshrc", ".bash_profile"]
    private static let codeInterpreters = ["python", "node", "ruby", "perl", "php", "pwsh", "deno", "bun", "lua"]
    private static let shellInterpreters = ["sh", "bash", "zsh", "dash", "ksh", "ash", "fish"]

    /// The syntax of the text at `path` (the last part after any `!` for an archive member) whose
    /// first bytes are `bytes`. Runs for every blob: bytes only, no `String` slicing.
    package static func of(path: String, bytes: UnsafeRawBufferPointer) -> TextSyntax {
        var path = path
        let fromName: TextSyntax? = path.withUTF8 { utf8 in
            var start = utf8.count
            while start > 0, utf8[start - 1] != UInt8(ascii: "/"), utf8[start - 1] != UInt8(ascii: "!") { start -= 1 }
            let nameLength = utf8.count - start
            guard nameLength > 0, nameLength <= 64 else { return nil }
            var name = [UInt8](repeating: 0, count: nameLength)
            for i in 0..<nameLength { name[i] = ValueCharacterClasses.lowercased(utf8[start + i]) }
            if shellNameBytes.contains(name) { return .shell }
            guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return nil }
            let ext = Array(name[(dot + 1)...])
            if knownAnswerExtensionBytes.contains(ext) { return .knownAnswers }
            if dataExtensionBytes.contains(ext), knownAnswerWords.contains(where: { ByteText.contains(name, $0) }) {
                return .knownAnswers
            }
            if codeExtensionBytes.contains(ext) { return .code }
            if shellExtensionBytes.contains(ext) { return .shell }
            return nil
        }
        return fromName ?? interpreter(bytes) ?? .other
    }

    private static let codeExtensionBytes = Set(codeExtensions.map { Array($0.utf8) })
    /// NIST CAVP request and response files are nothing but known-answer vectors.
    private static let knownAnswerExtensionBytes: Set<[UInt8]> = [Array("rsp".utf8)]
    private static let dataExtensionBytes = Set(["json", "txt", "yaml", "yml", "toml", "csv", "dat", "xml"].map { Array($0.utf8) })
    /// Names that say a data file holds test vectors (`test-vectors.json`, `rfc7748_kat.txt`, `wycheproof`).
    private static let knownAnswerWords = ["vectors", "vector.", "testvector", "test_vector", "test-vector", "_kat", "-kat", "kat_", "kat-", "wycheproof"]
        .map { Array($0.utf8) }
    private static let shellExtensionBytes = Set(shellExtensions.map { Array($0.utf8) })
    private static let shellNameBytes = Set(shellNames.map { Array($0.utf8) })

    /// From a `#!` line: `#!/usr/bin/env python3`, `#!/bin/sh -e`.
    private static func interpreter(_ bytes: UnsafeRawBufferPointer) -> TextSyntax? {
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "!") else { return nil }
        let end = bytes.prefix(128).firstIndex(of: 0x0A) ?? min(bytes.count, 128)
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[2..<end]), as: UTF8.self)
        let words = line.split(separator: " ").map { $0.split(separator: "/").last.map(String.init) ?? String($0) }
        let program = (words.first == "env" ? words.dropFirst().first { !$0.hasPrefix("-") } : words.first) ?? ""
        let base = program.trimmingCharacters(in: .decimalDigits.union(CharacterSet(charactersIn: ".")))
        if codeInterpreters.contains(base) { return .code }
        if shellInterpreters.contains(base) { return .shell }
        return nil
    }
}
