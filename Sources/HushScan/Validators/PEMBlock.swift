/// The first PEM block in some text: its label, RFC 1421 headers and base64 body.
///
/// Keys pasted into source code often carry `\n` escapes instead of line breaks and quotes around
/// each line; those are undone first. Works on bytes: validators run on every confirmed match.
struct PEMBlock {
    var label: String
    var headers: [String: String]
    var body: [UInt8]

    init?(parsing text: some Collection<UInt8>) {
        let bytes = Self.unescaped(text)
        guard let begin = bytes.firstOccurrence(of: Self.beginMarker),
              let labelEnd = bytes[begin.upperBound...].firstOccurrence(of: Self.dashes)
        else { return nil }
        let labelBytes = bytes[begin.upperBound..<labelEnd.lowerBound]
        guard let end = bytes[labelEnd.upperBound...].firstOccurrence(of: Self.endMarker + labelBytes + Self.dashes) else {
            return nil
        }
        label = String(decoding: labelBytes, as: UTF8.self)
        var lines = bytes[labelEnd.upperBound..<end.lowerBound]
            .split(separator: Self.newline, omittingEmptySubsequences: false)
            .map(Self.trimmed)
        while lines.first?.isEmpty == true { lines.removeFirst() }
        headers = [:]
        // RFC 1421 headers end with a blank line; pasted keys often lose it, so a line with no colon
        // (base64 has none) starts the body too.
        while let line = lines.first, let colon = line.firstIndex(of: Self.colon) {
            lines.removeFirst()
            let name = String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self)
            headers[name] = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        }
        body = lines.flatMap { $0 }
    }

    private static let beginMarker = Array("-----BEGIN ".utf8)
    private static let endMarker = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let newline = UInt8(ascii: "\n")
    private static let colon = UInt8(ascii: ":")

    /// `\n` escapes become line breaks; `\r` escapes vanish.
    private static func unescaped(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var escaping = false
        for byte in text {
            if escaping {
                escaping = false
                switch byte {
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): break
                default: out += [UInt8(ascii: "\\"), byte]
                }
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Without surrounding spaces, tabs, carriage returns, quotes and Markdown quote markers (`> `).
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isPadding(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                || byte == UInt8(ascii: ">")
        }
        guard let first = line.firstIndex(where: { !isPadding($0) }),
              let last = line.lastIndex(where: { !isPadding($0) })
        else { return [] }
        return line[first...last]
    }
}
