import Foundation

/// A Dockerfile split into instructions as BuildKit reads it: parser directives (`escape`), line
/// continuations with the escape character, comments (also inside a continuation), heredocs, and
/// stages with their names. Arguments keep, byte for byte, where they are in the file.
struct DockerfileInstructions {
    struct Instruction {
        /// Upper-cased: `FROM`, `RUN`, `ARG`.
        var keyword: String
        /// The arguments with continuations joined (a heredoc's body follows on its own lines).
        var arguments: [UInt8]
        /// File offset of each byte of `arguments`.
        var offsets: [Int]
        /// 1-based line of the keyword.
        var line: Int
        /// Index in `stages`, or nil before the first `FROM`.
        var stage: Int?

        /// File range of `arguments[r]`.
        func fileRange(_ r: Range<Int>) -> Range<Int> {
            guard !r.isEmpty else { return offsets.isEmpty ? 0..<0 : offsets[min(r.lowerBound, offsets.count - 1)]..<offsets[min(r.lowerBound, offsets.count - 1)] }
            return offsets[r.lowerBound]..<(offsets[r.upperBound - 1] + 1)
        }

        var text: String { String(decoding: arguments, as: UTF8.self) }
    }

    struct Stage {
        /// `AS name`, lower-cased as BuildKit compares it.
        var name: String?
        /// The image or earlier stage it starts from.
        var base: String
        var index: Int
    }

    var instructions: [Instruction] = []
    var stages: [Stage] = []

    private static let keywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    /// Whether the first instruction of `bytes` (after comments and directives) is `FROM`, or it
    /// opens with a parser directive: how a Dockerfile with another name is recognised.
    static func looksLikeDockerfile(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = min(bytes.count, 16 << 10)
        while i < n {
            var end = i
            while end < n, bytes[end] != 0x0A { end += 1 }
            let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            i = end + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let directive = line.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                if directive.hasPrefix("syntax=docker/") || directive.hasPrefix("escape=") { return true }
                continue
            }
            let word = line.prefix { !$0.isWhitespace }.uppercased()
            return word == "FROM" && line.count > 5
        }
        return false
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        var lineStarts = [0]
        for i in 0..<bytes.count where bytes[i] == 0x0A { lineStarts.append(i + 1) }
        func lineRange(_ l: Int) -> Range<Int> {
            let start = lineStarts[l]
            var end = l + 1 < lineStarts.count ? lineStarts[l + 1] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return start..<max(start, end)
        }
        func firstNonBlank(_ r: Range<Int>) -> Int {
            var i = r.lowerBound
            while i < r.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i
        }
        var escape = UInt8(ascii: "\\")
        var l = 0
        // Parser directives: `# key=value` lines before anything else.
        while l < lineStarts.count {
            let r = lineRange(l)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)
            guard text.hasPrefix("#"), let eq = text.firstIndex(of: "=") else { break }
            let key = text[text.index(after: text.startIndex)..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard key == "escape" || key == "syntax" || key == "check" else { break }
            if key == "escape", value == "`" { escape = UInt8(ascii: "`") }
            l += 1
        }
        while l < lineStarts.count {
            let r = lineRange(l)
            let start = firstNonBlank(r)
            if start == r.upperBound || bytes[start] == UInt8(ascii: "#") {
                l += 1
                continue
            }
            var k = start
            while k < r.upperBound, bytes[k] != 0x20, bytes[k] != 0x09 { k += 1 }
            let keyword = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self).uppercased()
            let firstLine = l + 1
            var arguments: [UInt8] = []
            var offsets: [Int] = []
            var segment = firstNonBlank(k..<r.upperBound)..<r.upperBound
            while true {
                var end = segment.upperBound
                while end > segment.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                let continues = end > segment.lowerBound && bytes[end - 1] == escape
                let take = segment.lowerBound..<(continues ? end - 1 : end)
                for i in take {
                    arguments.append(bytes[i])
                    offsets.append(i)
                }
                l += 1
                guard continues else { break }
                // Comment and empty lines inside a continuation are dropped.
                while l < lineStarts.count {
                    let next = lineRange(l)
                    let f = firstNonBlank(next)
                    if f == next.upperBound || bytes[f] == UInt8(ascii: "#") { l += 1 } else { break }
                }
                guard l < lineStarts.count else { break }
                segment = lineRange(l)
            }
            // Heredocs (`RUN <<EOF`, `COPY <<-EOT /dest`): their bodies belong to the instruction.
            let takesHeredocs = keyword == "RUN" || keyword == "COPY" || keyword == "ADD"
            for word in takesHeredocs ? Self.heredocWords(arguments) : [] {
                while l < lineStarts.count {
                    let body = lineRange(l)
                    l += 1
                    let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[body]), as: UTF8.self)
                    if line == word.name || (word.stripsTabs && line.drop { $0 == "\t" } == word.name) { break }
                    arguments.append(0x0A)
                    offsets.append(max(body.lowerBound - 1, 0))
                    for i in body {
                        arguments.append(bytes[i])
                        offsets.append(i)
                    }
                }
            }
            guard Self.keywords.contains(keyword) else { continue }
            if keyword == "FROM" { stages.append(Self.stage(arguments, index: stages.count)) }
            instructions.append(Instruction(
                keyword: keyword, arguments: arguments, offsets: offsets, line: firstLine,
                stage: stages.isEmpty ? nil : stages.count - 1))
        }
    }

    private static func stage(_ arguments: [UInt8], index: Int) -> Stage {
        let words = String(decoding: arguments, as: UTF8.self).split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("--") }
        let base = words.first.map(String.init) ?? ""
        var name: String?
        if words.count >= 3, words[1].uppercased() == "AS" { name = words[2].lowercased() }
        return Stage(name: name, base: base.lowercased(), index: index)
    }

    /// Heredoc names, as BuildKit finds them: unquoted words that start with `<<` (`<<EOF`,
    /// `<<-EOT`, `<<"EOF"`), not `$((1<<SHIFT))` or `<<` inside quotes.
    private static func heredocWords(_ arguments: [UInt8]) -> [(name: String, stripsTabs: Bool)] {
        var found: [(String, Bool)] = []
        var quote: UInt8?
        var i = 0
        while i < arguments.count {
            let c = arguments[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
                i += 1
                continue
            }
            let startsWord = i == 0 || arguments[i - 1] == 0x20 || arguments[i - 1] == 0x09
            if startsWord, c == UInt8(ascii: "<"), i + 1 < arguments.count, arguments[i + 1] == UInt8(ascii: "<") {
                var j = i + 2
                let strips = j < arguments.count && arguments[j] == UInt8(ascii: "-")
                if strips { j += 1 }
                let quoted = j < arguments.count && (arguments[j] == UInt8(ascii: "\"") || arguments[j] == UInt8(ascii: "'"))
                if quoted { j += 1 }
                let start = j
                while j < arguments.count, arguments[j] == UInt8(ascii: "_") || (arguments[j] < 0x80 && Character(Unicode.Scalar(arguments[j])).isLetter)
                    || (j > start && arguments[j] >= 0x30 && arguments[j] <= 0x39) { j += 1 }
                if j > start { found.append((String(decoding: arguments[start..<j], as: UTF8.self), strips)) }
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    /// The stages whose history and config the final image carries: the last stage and the stages
    /// it is built `FROM`, recursively.
    var stagesInHistory: Set<Int> { reachingStages(followingCopies: false) }

    /// The stages whose files may reach the final image: those of `stagesInHistory` and every stage
    /// any of them copies from (`COPY --from=`), recursively.
    var stagesInImage: Set<Int> { reachingStages(followingCopies: true) }

    private func reachingStages(followingCopies: Bool) -> Set<Int> {
        guard !stages.isEmpty else { return [] }
        var reached: Set<Int> = [stages.count - 1]
        var pending = [stages.count - 1]
        func lookup(_ reference: String, before index: Int) -> Int? {
            let ref = reference.lowercased()
            if let named = stages[..<index].last(where: { $0.name == ref }) { return named.index }
            if let number = Int(ref), number >= 0, number < index { return number }
            return nil
        }
        // Each stage's `COPY --from` sources, gathered in one pass over the instructions.
        var copiesFrom: [Int: [String]] = [:]
        if followingCopies {
            for instruction in instructions where instruction.keyword == "COPY" || instruction.keyword == "ADD" {
                if let stage = instruction.stage, let from = Self.flag("from", in: instruction.text) { copiesFrom[stage, default: []].append(from) }
            }
        }
        while let index = pending.popLast() {
            var sources: [Int] = []
            if let parent = lookup(stages[index].base, before: index) { sources.append(parent) }
            for from in copiesFrom[index] ?? [] {
                if let source = lookup(from, before: index) { sources.append(source) }
            }
            for source in sources where reached.insert(source).inserted { pending.append(source) }
        }
        return reached
    }

    /// The value of `--name=value` among an instruction's leading flags.
    static func flag(_ name: String, in text: String) -> String? {
        for word in text.split(whereSeparator: \.isWhitespace) {
            guard word.hasPrefix("--") else { break }
            let prefix = "--" + name + "="
            if word.lowercased().hasPrefix(prefix) { return String(word.dropFirst(prefix.count)) }
        }
        return nil
    }
}
