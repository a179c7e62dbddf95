import Yams

/// A YAML (or JSON) stream parsed by Yams, with each node's place as byte offsets in the blob it
/// came from: findings from structure keep the file's exact line and column.
struct YAMLDocuments {
    /// Why a text is read as text only.
    enum Refusal: Error, Sendable {
        case notUTF8
        case tooLarge(Int)
        case unparsable(String)

        var reason: String {
            switch self {
            case .notUTF8: "not UTF-8 text"
            case .tooLarge(let size): "\(size) bytes is more than the structured reader takes"
            case .unparsable(let problem): "YAML that does not parse (\(problem))"
            }
        }
    }

    /// Texts above this are read as text only: manifests are small, and a parse costs ~50x a scan.
    static let maximumSize = 4 << 20

    let documents: [Node]
    /// Start offset of each line in the parsed text.
    private let lineStarts: [Int]
    private let text: [UInt8]
    /// Maps a range of the parsed text to the parent blob's offsets.
    private let place: @Sendable (Range<Int>) -> Range<Int>

    /// The documents of `text`, whose ranges `place` maps into the parent (identity for a file).
    init(text: [UInt8], place: @escaping @Sendable (Range<Int>) -> Range<Int> = { $0 }) throws(Refusal) {
        guard text.count <= Self.maximumSize else { throw .tooLarge(text.count) }
        guard let string = String(validating: text, as: UTF8.self) else { throw .notUTF8 }
        var documents: [Node] = []
        do {
            // The basic resolver: every scalar is a string. The default one resolves each scalar's tag with
            // regular expressions (measured: most of the parse time), and manifests are read as strings.
            // UTF-8 named, not `.default`, which reads the whole environment on every parse.
            var sequence = try compose_all(yaml: string, .basic, .default, .utf8)
            while let node = sequence.next() { documents.append(node) }
            if let error = sequence.error { throw error }
        } catch {
            throw .unparsable(Self.describe(error))
        }
        self.documents = documents
        self.text = text
        self.place = place
        lineStarts = Self.lineStarts(of: text)
    }

    private static func describe(_ error: any Error) -> String {
        // Yams' description quotes the offending line, which may hold a secret: keep its first line
        // up to the quoted text.
        let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "parse error"
        return String(text.prefix(80))
    }

    /// Where lines start, as libyaml counts them (its marks say line and column): LF, CRLF, a lone
    /// CR, NEL (U+0085), and the line and paragraph separators U+2028 and U+2029 each end a line.
    /// Counting LF alone put marks after such a break on the wrong line, and a ciphertext range onto
    /// plaintext.
    static func lineStarts(of text: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < text.count {
            switch text[i] {
            case 0x0A: starts.append(i + 1)
            case 0x0D: if i + 1 >= text.count || text[i + 1] != 0x0A { starts.append(i + 1) }
            case 0xC2 where i + 1 < text.count && text[i + 1] == 0x85:
                starts.append(i + 2)
                i += 1
            case 0xE2 where i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9):
                starts.append(i + 3)
                i += 2
            default: break
            }
            i += 1
        }
        return starts
    }

    /// The last mark looked up, so marks in order along one long line (minified JSON) cost a walk
    /// from the previous one, not from the line's start each time.
    private final class Cursor {
        var line = 0, column = 0, offset = 0
    }
    private let cursor = Cursor()

    /// Byte offset in the parsed text of a 1-based line and column (columns count Unicode scalars).
    private func offset(of mark: Mark) -> Int? {
        guard mark.line >= 1, mark.line <= lineStarts.count, mark.column >= 1 else { return nil }
        var i = lineStarts[mark.line - 1]
        var column = 1
        if cursor.line == mark.line, cursor.column <= mark.column, cursor.column >= 1 {
            i = cursor.offset
            column = cursor.column
        }
        let end = mark.line < lineStarts.count ? lineStarts[mark.line] : text.count
        while column < mark.column, i < end {
            let lead = text[i]
            i += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            column += 1
        }
        i = min(i, text.count)
        (cursor.line, cursor.column, cursor.offset) = (mark.line, column, i)
        return i
    }

    /// The end of the line holding `i` (trailing blanks dropped), at most 256 bytes on: a value's
    /// fallback range, not a walk to the end of a megabyte-long minified line for every node.
    private func lineEnd(from i: Int) -> Int {
        var end = i
        let limit = min(text.count, i + 256)
        while end < limit, text[end] != 0x0A, text[end] != 0x0D { end += 1 }
        while end > i, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        return end
    }

    /// Where `node` sits in the parent blob: a scalar's value as written (inside its quotes) when
    /// it appears verbatim, otherwise from its start to the end of that line.
    func range(of node: Node) -> Range<Int>? {
        guard let mark = node.mark, var start = offset(of: mark) else { return nil }
        guard let scalar = node.scalar else { return place(start..<lineEnd(from: start)) }
        // The mark of a value with an anchor or tag (`&p "v"`, `!!str v`) is at the anchor or tag.
        while start < text.count, text[start] == UInt8(ascii: "&") || text[start] == UInt8(ascii: "!") {
            while start < text.count, text[start] != 0x20, text[start] != 0x09, text[start] != 0x0A { start += 1 }
            while start < text.count, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        }
        let value = Array(scalar.string.utf8)
        var candidates: [Int] = []
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: candidates = [start + 1]
        case .literal, .folded:
            // The value starts on the line after the indicator.
            var next = start
            while next < text.count, text[next] != 0x0A { next += 1 }
            next += 1
            while next < text.count, text[next] == 0x20 || text[next] == 0x09 { next += 1 }
            candidates = [next]
        default: candidates = [start]
        }
        let firstLine = value.prefix { $0 != 0x0A }
        for candidate in candidates where candidate + firstLine.count <= text.count {
            if text[candidate..<(candidate + firstLine.count)].elementsEqual(firstLine), !firstLine.isEmpty {
                return place(candidate..<(candidate + firstLine.count))
            }
        }
        return place(start..<max(start, lineEnd(from: start)))
    }

    /// The range of a scalar only when its value is there as written (for ciphertext marks, which
    /// must never cover other text).
    func exactRange(of node: Node) -> Range<Int>? {
        guard let scalar = node.scalar, let range = range(of: node) else { return nil }
        return range.count == scalar.string.utf8.count && !scalar.string.contains("\n") ? range : nil
    }
}

extension Node {
    /// The value under `key` of a mapping.
    func value(_ key: String) -> Node? {
        guard let mapping else { return nil }
        for (k, v) in mapping where k.scalar?.string == key { return v }
        return nil
    }

    /// The string of a scalar node.
    var text: String? { scalar?.string }

    /// The key/value pairs of a mapping whose keys are scalars.
    var pairs: [(key: Node, keyText: String, value: Node)] {
        guard let mapping else { return [] }
        return mapping.compactMap { k, v in k.scalar.map { (k, $0.string, v) } }
    }

    /// The items of a sequence.
    var items: [Node] { sequence.map(Array.init) ?? [] }
}
