/// Percent-encoding and backslash escapes: text encodings whose decoded form is text again.
extension EncodedSpanFinder {
    /// Bytes that end a percent-encoded run: whitespace, quotes, and code punctuation. URL structure
    /// (`&`, `=`, `?`, `/`, `:`, `@`) stays inside, so `user=a&password=p%40ss` decodes whole and
    /// the rescan sees the assignment.
    private static let percentRunEnds: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in " \t\r\n\"'`<>,;(){}[]\\".utf8 { table[Int(c)] = true }
        return table
    }()

    private static func endsPercentRun(_ c: UInt8) -> Bool { percentRunEnds[Int(c)] }

    func percentSpans(_ b: UnsafeRawBufferPointer) -> [EncodedSpan] {
        var out: [EncodedSpan] = []
        let n = b.count
        var i = 0
        let limit = min(maximumSpanLength, 8192)
        while i < n {
            guard !Self.endsPercentRun(b[i]) else { i += 1; continue }
            let start = i
            var escapes = 0
            while i < n, !Self.endsPercentRun(b[i]) {
                if b[i] == UInt8(ascii: "%"), i + 2 < n, ValueCharacterClasses.isHexDigit(b[i + 1]), ValueCharacterClasses.isHexDigit(b[i + 2]) {
                    escapes += 1
                    i += 3
                } else {
                    i += 1
                }
            }
            let run = start..<i
            guard escapes > 0, run.count <= limit else { continue }
            let decoded = percentDecoded(UnsafeRawBufferPointer(rebasing: b[run]))
            guard decoded.count >= minimumDecodedLength, isMostlyPrintableText(decoded) else { continue }
            out.append(EncodedSpan(range: run, decoded: decoded, encoding: .percent))
        }
        return out
    }

    private func percentDecoded(_ s: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "%"), i + 2 < s.count, let hi = Self.hex(s[i + 1]), let lo = Self.hex(s[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Quoted strings (`"..."`, and `'...'` opened after a non-letter, so apostrophes in prose do not
    /// open one) holding at least one escape: `"-----BEGIN ... KEY-----\nMIIE..."` decodes to the
    /// multi-line PEM that the private-key rule matches. An unterminated quote skips to where its
    /// search stopped, so the pass stays linear.
    func escapeSpans(_ b: UnsafeRawBufferPointer) -> [EncodedSpan] {
        var out: [EncodedSpan] = []
        let n = b.count
        var i = 0
        while i < n {
            let q = b[i]
            let opens = q == UInt8(ascii: "\"") || (q == UInt8(ascii: "'") && (i == 0 || !ValueCharacterClasses.isAlphanumeric(b[i - 1])))
            guard opens else { i += 1; continue }
            var j = i + 1
            var escapes = 0
            let limit = min(n, i + 1 + maximumSpanLength)
            var closed = false
            while j < limit {
                let c = b[j]
                if c == 0x0A { break }
                if c == UInt8(ascii: "\\"), j + 1 < n {
                    if EscapedTextDecoder.isEscapeLetter(b[j + 1]) { escapes += 1 }
                    j += 2
                    continue
                }
                if c == q { closed = true; break }
                j += 1
            }
            guard closed else { i = max(j, i + 1); continue }
            let content = (i + 1)..<j
            if escapes > 0 {
                let decoded = EscapedTextDecoder.decode(UnsafeRawBufferPointer(rebasing: b[content]))
                if decoded.count >= minimumDecodedLength {
                    out.append(EncodedSpan(range: content, decoded: decoded, encoding: .escapes))
                }
            }
            i = j + 1
        }
        return out
    }
}
