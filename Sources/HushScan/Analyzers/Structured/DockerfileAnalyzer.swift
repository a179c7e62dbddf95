import Foundation

/// Dockerfiles (`Dockerfile`, `Containerfile`, `*.dockerfile`, `Dockerfile.*`, or any file without
/// an extension whose first instruction is `FROM`), read instruction by instruction and stage by
/// stage. Secret values in `ENV`, `ARG` and `RUN` are the engine's (it reads the file as text);
/// this reports the practices that put a secret into the image even when the file holds no value:
/// a secret-named `ARG` used by a build step, a secret-named `ENV`, a secret file copied in. Only
/// stages that reach the final image count; `RUN --mount=type=secret` is the right practice and
/// raises nothing.
package struct DockerfileAnalyzer: Analyzer {
    package init() {}

    package func accepts(_ blob: AnalyzedBlob, bytes: UnsafeRawBufferPointer) -> Bool {
        let name = blob.fileName.lowercased()
        if name == "dockerfile" || name == "containerfile" || name.hasSuffix(".dockerfile") || name.hasSuffix(".containerfile")
            || name.hasPrefix("dockerfile.") || name.hasPrefix("containerfile.") || name.hasSuffix("-dockerfile") {
            return true
        }
        return !name.contains(".") && DockerfileInstructions.looksLikeDockerfile(bytes)
    }

    package func analyze(_ bytes: UnsafeRawBufferPointer, blob: AnalyzedBlob, budget: inout DecodeBudget) -> Analysis {
        let file = DockerfileInstructions(bytes)
        let inImage = file.stagesInImage
        let inHistory = file.stagesInHistory
        var analysis = Analysis()
        func where_(_ instruction: DockerfileInstructions.Instruction, _ subject: String) -> String {
            let stage = instruction.stage.map { index in
                let s = file.stages[index]
                return "stage \(index)" + (s.name.map { " (\($0))" } ?? "")
            } ?? "global"
            return "\(stage): \(instruction.keyword) \(subject)"
        }
        for instruction in file.instructions where instruction.keyword != "FROM" {
            // Secrets the engine finds in the text are told which instruction and stage hold them.
            if let first = instruction.offsets.first, let last = instruction.offsets.last {
                analysis.regions.append((first..<(last + 1), where_(instruction, "").trimmingCharacters(in: .whitespaces)))
            }
        }
        // The last RUN of each stage: an ARG before it is recorded in the history (one pass, not one per ARG).
        var lastRun: [Int: Int] = [:]
        for (position, instruction) in file.instructions.enumerated() where instruction.keyword == "RUN" {
            if let stage = instruction.stage { lastRun[stage] = position }
        }
        for (position, instruction) in file.instructions.enumerated() {
            guard let stage = instruction.stage, inImage.contains(stage) else { continue }
            switch instruction.keyword {
            case "ARG" where inHistory.contains(stage):
                // Build arguments are recorded with every later RUN of the stage in the image history.
                guard let run = lastRun[stage], run > position else { continue }
                for pair in Self.pairs(instruction.arguments, legacy: false) where StructuredValue.keyKind(pair.key) != nil {
                    analysis.matches.append(AnalyzerMatch(
                        ruleID: AnalyzerRules.buildArg, range: instruction.fileRange(pair.keyRange), subject: pair.key,
                        documentPath: where_(instruction, pair.key)))
                }
            case "ENV" where inHistory.contains(stage):
                for pair in Self.pairs(instruction.arguments, legacy: true) where StructuredValue.keyKind(pair.key) != nil {
                    // The value the image keeps: one filled in at build time, or a literal that is not a stand-in.
                    guard let value = pair.value, value.hasPrefix("$") || StructuredValue.isLiteral(value) else { continue }
                    analysis.matches.append(AnalyzerMatch(
                        ruleID: AnalyzerRules.imageEnv, range: instruction.fileRange(pair.keyRange), subject: pair.key,
                        documentPath: where_(instruction, pair.key)))
                }
            case "COPY", "ADD":
                for source in Self.sources(instruction.arguments) where SecretFileName.matches(source.path) {
                    analysis.matches.append(AnalyzerMatch(
                        ruleID: AnalyzerRules.secretFileCopy, range: instruction.fileRange(source.range), subject: source.path,
                        documentPath: where_(instruction, source.path)))
                }
            default: continue
            }
        }
        return analysis
    }

    struct Pair {
        var key: String
        var keyRange: Range<Int>
        var value: String?
    }

    /// `k=v k2="v 2"` pairs (values unquoted), or for a legacy `ENV key value` the one pair.
    static func pairs(_ arguments: [UInt8], legacy: Bool) -> [Pair] {
        var pairs: [Pair] = []
        var i = 0
        let n = arguments.count
        func skipSpace() { while i < n, arguments[i] == 0x20 || arguments[i] == 0x09 || arguments[i] == 0x0A { i += 1 } }
        skipSpace()
        var first = true
        while i < n {
            let keyStart = i
            while i < n, arguments[i] != UInt8(ascii: "="), arguments[i] != 0x20, arguments[i] != 0x09, arguments[i] != 0x0A { i += 1 }
            let keyRange = keyStart..<i
            let key = String(decoding: arguments[keyRange], as: UTF8.self)
            if i < n, arguments[i] == UInt8(ascii: "=") {
                i += 1
                var value: [UInt8] = []
                while i < n, arguments[i] != 0x20, arguments[i] != 0x09, arguments[i] != 0x0A {
                    let c = arguments[i]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                        i += 1
                        while i < n, arguments[i] != c {
                            if arguments[i] == UInt8(ascii: "\\"), c == UInt8(ascii: "\""), i + 1 < n { i += 1 }
                            value.append(arguments[i])
                            i += 1
                        }
                        i += 1
                    } else {
                        value.append(c)
                        i += 1
                    }
                }
                pairs.append(Pair(key: key, keyRange: keyRange, value: String(decoding: value, as: UTF8.self)))
            } else if legacy, first {
                // `ENV key value with spaces`: the rest of the instruction is the value.
                skipSpace()
                let value = String(decoding: arguments[i...], as: UTF8.self)
                return [Pair(key: key, keyRange: keyRange, value: value)]
            } else {
                pairs.append(Pair(key: key, keyRange: keyRange, value: nil))
            }
            first = false
            skipSpace()
        }
        return pairs.filter { !$0.key.isEmpty }
    }

    /// The source paths of a `COPY`/`ADD` (shell or JSON form), without its flags and destination.
    static func sources(_ arguments: [UInt8]) -> [(path: String, range: Range<Int>)] {
        let text = arguments
        var words: [(String, Range<Int>)] = []
        var i = 0
        let n = text.count
        let json = text.first { $0 != 0x20 } == UInt8(ascii: "[")
        while i < n {
            while i < n, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || (json && (text[i] == UInt8(ascii: ",") || text[i] == UInt8(ascii: "[") || text[i] == UInt8(ascii: "]"))) { i += 1 }
            guard i < n else { break }
            if json, text[i] == UInt8(ascii: "\"") {
                let start = i + 1
                i = start
                while i < n, text[i] != UInt8(ascii: "\"") { i += 1 }
                words.append((String(decoding: text[start..<i], as: UTF8.self), start..<i))
                i += 1
            } else {
                let start = i
                while i < n, text[i] != 0x20, text[i] != 0x09, text[i] != 0x0A { i += 1 }
                let word = String(decoding: text[start..<i], as: UTF8.self)
                if word.hasPrefix("<<") { return [] }  // a heredoc source is inline content
                words.append((word, start..<i))
            }
        }
        let paths = words.drop { $0.0.hasPrefix("--") }
        guard paths.count >= 2 else { return [] }
        return paths.dropLast().map { (path: $0.0, range: $0.1) }
    }
}

/// File names that are secrets by nature: private keys, credential stores, env files, registry and
/// cluster credentials.
enum SecretFileName {
    private static let exact: Set<String> = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials",
        "credentials.json", "credentials", "kubeconfig", ".htpasswd", ".pgpass", "service-account.json",
        "service-account-key.json", ".dockercfg", "secrets.env", ".vault-token",
    ]
    private static let suffixes = [".key", ".pem", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".kubeconfig"]
    /// Names of certificates and templates, which share the suffixes but hold nothing secret.
    private static let harmless = ["cert", "ca.", "ca-", "chain", "bundle", "public", "pub.", ".pub", "example", "sample", "template", "dist"]

    static func matches(_ path: String) -> Bool {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let lower = trimmed.lowercased()
        if lower.contains("*") || lower.contains("$") { return false }
        if lower.hasSuffix(".docker/config.json") { return true }
        let name = lower.split(separator: "/").last.map(String.init) ?? lower
        if harmless.contains(where: name.contains) { return false }
        if exact.contains(name) { return true }
        if name.hasPrefix(".env.") { return !["local.example", "defaults"].contains(String(name.dropFirst(5))) }
        return suffixes.contains(where: name.hasSuffix) && name.count > 4
    }
}
