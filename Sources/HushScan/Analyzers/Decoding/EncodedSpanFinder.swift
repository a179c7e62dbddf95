import Foundation

/// Finds encoded text worth decoding and rescanning: base64 (standard or URL-safe, padded or not,
/// MIME line-wrapped), percent-encoding, and backslash escapes inside quoted strings.
///
/// It does not decode every long identifier: base64 needs a run of at least `minimumBase64Length`
/// symbols from one alphabet, a length an encoder produces, and a result that is mostly printable
/// UTF-8 (or a DER structure). One linear pass per encoding; the caller recurses on the decoded
/// bytes to a bounded depth (`layers(of:maxDepth:budget:)` does it), and a shared `DecodeBudget`
/// caps the total output.
package struct EncodedSpanFinder: Sendable {
    /// Fewest base64 symbols (padding excluded) worth decoding: 24 symbols are 18 bytes.
    package var minimumBase64Length: Int
    /// Fewest decoded bytes worth rescanning, for percent-encoding and escapes.
    package var minimumDecodedLength: Int
    /// Share of decoded characters that must be printable (tab, newline and carriage return count).
    package var printableShare: Double
    /// Longest encoded span considered; longer runs are left alone.
    package var maximumSpanLength: Int

    package init(minimumBase64Length: Int = 24, minimumDecodedLength: Int = 8, printableShare: Double = 0.9, maximumSpanLength: Int = 1 << 20) {
        self.minimumBase64Length = minimumBase64Length
        self.minimumDecodedLength = minimumDecodedLength
        self.printableShare = printableShare
        self.maximumSpanLength = maximumSpanLength
    }

    /// Every encoded span in `bytes`, in order of position, charged to `budget`.
    package func spans(in bytes: [UInt8], budget: inout DecodeBudget) -> [EncodedSpan] {
        bytes.withUnsafeBytes { spans(in: $0, budget: &budget) }
    }

    /// Every encoded span in the buffer, in order of position, charged to `budget`. Spans the
    /// remaining budget cannot pay for are left out.
    package func spans(in bytes: UnsafeRawBufferPointer, budget: inout DecodeBudget) -> [EncodedSpan] {
        // Most text holds no `%` or no backslash at all: one memchr each saves a pass.
        var found = base64Spans(bytes)
        if Self.contains(UInt8(ascii: "%"), in: bytes) { found += percentSpans(bytes) }
        if Self.contains(UInt8(ascii: "\\"), in: bytes) { found += escapeSpans(bytes) }
        found.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var kept: [EncodedSpan] = []
        for span in found where budget.spend(span.decoded.count) {
            kept.append(span)
        }
        return kept
    }

    private static func contains(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// Text revealed by decoding `bytes` and, recursively, what that decodes to, down to `maxDepth`
    /// levels. Layers come outermost first; each carries the range of its outermost encoding.
    package func layers(of bytes: [UInt8], maxDepth: Int = 3, budget: inout DecodeBudget) -> [DecodedLayer] {
        bytes.withUnsafeBytes { layers(of: $0, maxDepth: maxDepth, budget: &budget) }
    }

    /// Like `layers(of:maxDepth:budget:)` for a buffer, which is read in place (only decoded layers
    /// are copied).
    package func layers(of bytes: UnsafeRawBufferPointer, maxDepth: Int = 3, budget: inout DecodeBudget) -> [DecodedLayer] {
        guard maxDepth > 0 else { return [] }
        var out: [DecodedLayer] = []
        for span in spans(in: bytes, budget: &budget) {
            out.append(DecodedLayer(rootRange: span.range, encodings: [span.encoding], bytes: span.decoded, isDER: span.isDER))
        }
        // Breadth first: `out` doubles as the queue of layers still to look into.
        var next = 0
        while next < out.count {
            let item = out[next]
            next += 1
            guard !item.isDER, item.encodings.count < maxDepth else { continue }
            for span in spans(in: item.bytes, budget: &budget) {
                out.append(DecodedLayer(
                    rootRange: item.rootRange, encodings: item.encodings + [span.encoding], bytes: span.decoded,
                    isDER: span.isDER))
            }
        }
        return out
    }

    // MARK: Base64

    func base64Spans(_ b: UnsafeRawBufferPointer) -> [EncodedSpan] {
        // The table as a local buffer: this loop runs once per byte of every file, and a static
        // accessed inside it pays a once-check each time.
        Self.symbolKinds.withUnsafeBufferPointer { base64Spans(b, kinds: $0) }
    }

    /// Bits of `symbolKinds`: a base64 symbol, a hex digit, a symbol of only the standard (`+/`) or
    /// only the URL-safe (`-_`) alphabet.
    private static let symbol: UInt8 = 1, hexDigit: UInt8 = 2, standardOnly: UInt8 = 4, urlSafeOnly: UInt8 = 8
    private static let symbolKinds: [UInt8] = (0...255).map { value in
        let c = UInt8(value)
        guard LenientBase64.isSymbol(c) else { return 0 }
        var kind = symbol
        if ValueCharacterClasses.isHexDigit(c) { kind |= hexDigit }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "/") { kind |= standardOnly }
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") { kind |= urlSafeOnly }
        return kind
    }

    private func base64Spans(_ b: UnsafeRawBufferPointer, kinds: UnsafeBufferPointer<UInt8>) -> [EncodedSpan] {
        var out: [EncodedSpan] = []
        let n = b.count
        var i = 0
        let minimum = max(minimumBase64Length, 1)
        while i < n {
            guard kinds[Int(b[i])] != 0 else { i += 1; continue }
            // `i` starts a run. Most runs are words shorter than the minimum: the last non-symbol
            // within the next `minimum` bytes, found looking backwards, ends this one, and the
            // bytes before it need not be looked at.
            guard i + minimum <= n else { break }
            var probe = i + minimum - 1
            while probe > i, kinds[Int(b[probe])] != 0 { probe -= 1 }
            if probe > i {
                i = probe + 1
                continue
            }
            // A run starting inside a word (`key=abc`, `x.abc`) still starts here: `=` and `.` end runs.
            let start = i
            var symbols = 0
            var lineLength = 0
            var wrapped = false
            var kindsSeen: UInt8 = 0  // every kind bit of some symbol
            var kindsInAll: UInt8 = 0xFF  // kind bits every symbol has
            while i < n {
                let c = b[i]
                let kind = kinds[Int(c)]
                if kind != 0 {
                    kindsSeen |= kind
                    kindsInAll &= kind
                    symbols += 1
                    lineLength += 1
                    i += 1
                    continue
                }
                // MIME wraps base64 at 64 or 76 columns: continue across a newline after a full line.
                if c == 0x0A || c == 0x0D, lineLength >= 60, lineLength % 4 == 0 {
                    var j = i
                    while j < n, b[j] == 0x0A || b[j] == 0x0D || ValueCharacterClasses.isSpace(b[j]) { j += 1 }
                    if j - i <= 8, Self.isWholeBase64Line(b, from: j) {
                        i = j
                        lineLength = 0
                        wrapped = true
                        continue
                    }
                }
                break
            }
            var end = i
            var padding = 0
            while i < n, b[i] == UInt8(ascii: "="), padding < 2 {
                padding += 1
                i += 1
            }
            if padding > 0 { end = i }
            guard symbols >= minimumBase64Length, symbols <= maximumSpanLength else { continue }
            let raw = UnsafeRawBufferPointer(rebasing: b[start..<end])
            // Long identifiers, paths and digests make most runs: turn away, without copying them,
            // those that cannot decode (a length of 1 mod 4, both alphabets) and hex digests.
            let mixed = kindsSeen & Self.standardOnly != 0 && kindsSeen & Self.urlSafeOnly != 0
            guard symbols % 4 != 1, !mixed, kindsInAll & Self.hexDigit == 0 else { continue }
            let text = wrapped ? raw.filter { !ValueCharacterClasses.isWhitespace($0) } : Array(raw)
            if let span = decodedBase64(text, range: start..<end) { out.append(span) }
        }
        return out
    }

    /// Whether the line starting at `j` holds nothing but base64 (and final padding), so joining it
    /// to the previous line cannot swallow the start of something else (`key: value`).
    private static func isWholeBase64Line(_ b: UnsafeRawBufferPointer, from j: Int) -> Bool {
        var k = j
        while k < b.count, LenientBase64.isSymbol(b[k]) { k += 1 }
        guard k > j else { return false }
        while k < b.count, b[k] == UInt8(ascii: "=") { k += 1 }
        return k == b.count || b[k] == 0x0A || b[k] == 0x0D
    }

    private func decodedBase64(_ text: [UInt8], range: Range<Int>) -> EncodedSpan? {
        // (Hex digests and long digit runs, base64 symbols too but never base64, were turned away.)
        guard let decoded = LenientBase64.decode(text) else { return nil }
        if Self.isDER(decoded) { return EncodedSpan(range: range, decoded: decoded, encoding: .base64, isDER: true) }
        guard isMostlyPrintableText(decoded) else { return nil }
        return EncodedSpan(range: range, decoded: decoded, encoding: .base64)
    }

    /// A DER SEQUENCE whose length field accounts for exactly the bytes present.
    static func isDER(_ d: [UInt8]) -> Bool {
        guard d.count >= 16, d[0] == 0x30 else { return false }
        switch d[1] {
        case 0x81: return Int(d[2]) + 3 == d.count
        case 0x82: return (Int(d[2]) << 8 | Int(d[3])) + 4 == d.count
        case 0x83: return (Int(d[2]) << 16 | Int(d[3]) << 8 | Int(d[4])) + 5 == d.count
        default: return d[1] < 0x80 && Int(d[1]) + 2 == d.count
        }
    }

    /// Valid UTF-8 with at least `printableShare` printable characters and no NUL.
    func isMostlyPrintableText(_ d: [UInt8]) -> Bool {
        guard !d.isEmpty, !d.contains(0) else { return false }
        var printable = 0
        var total = 0
        var iterator = d.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                total += 1
                let v = scalar.value
                if v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v)) { printable += 1 }
            case .emptyInput: break loop
            case .error: return false
            }
        }
        return total > 0 && Double(printable) >= printableShare * Double(total)
    }
}
