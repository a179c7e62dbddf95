/// The line of a finding, cut to a readable width around the secret, with every secret on it marked
/// so a report can redact them all (the finding's own, and any other match on the same line).
package struct Snippet: Sendable, Hashable {
    /// A run of the line: plain text, or (part of) a secret.
    package enum Part: Sendable, Hashable {
        case text(String)
        case secret(String)
    }

    package var parts: [Part]
    /// Whether text was cut off before the first part / after the last.
    package var clippedStart: Bool
    package var clippedEnd: Bool

    package init(parts: [Part], clippedStart: Bool = false, clippedEnd: Bool = false) {
        self.parts = parts
        self.clippedStart = clippedStart
        self.clippedEnd = clippedEnd
    }

    /// Bytes a snippet spans, secret included, unless the secret alone is longer.
    static let width = 160

    /// Cuts `line` (absolute byte range in `bytes`) around `focus`, marking `secrets` (absolute ranges).
    static func cut(
        _ bytes: UnsafeRawBufferPointer, line: Range<Int>, focus: Range<Int>, secrets: [Range<Int>]
    ) -> Snippet {
        let focusStart = min(max(focus.lowerBound, line.lowerBound), line.upperBound)
        let focusEnd = min(max(focus.upperBound, focusStart), line.upperBound)
        let context = max(width - (focusEnd - focusStart), 40)
        var low = max(line.lowerBound, focusStart - context / 2)
        var high = min(line.upperBound, focusEnd + context / 2)
        // Give the budget one side cannot use to the other side.
        high = min(line.upperBound, high + max(0, context / 2 - (focusStart - low)))
        low = max(line.lowerBound, low - max(0, context / 2 - (high - focusEnd)))
        while low > line.lowerBound && isContinuation(bytes[low]) { low -= 1 }
        while high < line.upperBound && isContinuation(bytes[high]) { high += 1 }

        let marked = merged(secrets.filter { $0.lowerBound < high && $0.upperBound > low }
            .map { max($0.lowerBound, low)..<min($0.upperBound, high) })
        var parts: [Part] = []
        var cursor = low
        for range in marked {
            if cursor < range.lowerBound { parts.append(.text(text(bytes, cursor..<range.lowerBound))) }
            parts.append(.secret(text(bytes, range)))
            cursor = range.upperBound
        }
        if cursor < high { parts.append(.text(text(bytes, cursor..<high))) }
        return Snippet(parts: parts, clippedStart: low > line.lowerBound, clippedEnd: high < line.upperBound)
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, range.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
    }

    /// Decoded text with control characters made harmless for a terminal: a tab becomes a space,
    /// anything else (escape sequences included) becomes U+FFFD.
    private static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        let decoded = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return decoded }
        var clean = String.UnicodeScalarView()
        for scalar in decoded.unicodeScalars {
            switch scalar.value {
            case 0x09: clean.append(" ")
            case 0..<0x20, 0x7F: clean.append("\u{FFFD}")
            default: clean.append(scalar)
            }
        }
        return String(clean)
    }
}
