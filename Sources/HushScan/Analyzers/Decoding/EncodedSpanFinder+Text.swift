import Foundation

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

    func percentSpans(_ b: UnsafeRawBufferPointer) -> [EncodedSpan] {
        Self.percentRunEnds.withUnsafeBufferPointer { percentSpans(b, runEnds: $0) }
    }

    /// Runs are delimited by `runEnds` bytes, and only a run holding an escape matters, so the
    /// search goes from `%` to `%` (memchr) and reads just the runs around them.
    private func percentSpans(_ b: UnsafeRawBufferPointer, runEnds: UnsafeBufferPointer<Bool>) -> [EncodedSpan] {
        guard let base = b.baseAddress else { return [] }
        var out: [EncodedSpan] = []
        let n = b.count
        var i = 0  // runs before this offset are done
        var search = 0  // where to look for the next `%`
        let limit = min(maximumSpanLength, 8192)
        while search < n, let hit = memchr(base + search, Int32(UInt8(ascii: "%")), n - search) {
            let percent = base.distance(to: UnsafeRawPointer(hit))
            guard percent + 2 < n, ValueCharacterClasses.isHexDigit(b[percent + 1]), ValueCharacterClasses.isHexDigit(b[percent + 2]) else {
                search = percent + 1
                continue
            }
            // Hex digits never end a run, so its bounds are the run ends on either side.
            var start = percent
            while start > i, !runEnds[Int(b[start - 1])] { start -= 1 }
            var end = percent
            var escapes = 0
            while end < n, !runEnds[Int(b[end])] {
                if b[end] == UInt8(ascii: "%"), end + 2 < n, ValueCharacterClasses.isHexDigit(b[end + 1]),
                    ValueCharacterClasses.isHexDigit(b[end + 2]) {
                    escapes += 1
                    end += 3
                } else {
                    end += 1
                }
            }
            i = end
            search = end
            let run = start..<end
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
        guard let base = b.baseAddress else { return [] }
        var out: [EncodedSpan] = []
        let n = b.count
        // Only quotes can open a string: memchr finds the next of each kind, and the bytes between
        // are skipped (each search resumes where the last one for that quote stopped).
        var nextDouble = -1
        var nextSingle = -1
        func next(_ quote: UInt8, from i: Int) -> Int {
            guard i < n, let hit = memchr(base + i, Int32(quote), n - i) else { return n }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        var i = 0
        while i < n {
            if nextDouble < i { nextDouble = next(UInt8(ascii: "\""), from: i) }
            if nextSingle < i { nextSingle = next(UInt8(ascii: "'"), from: i) }
            i = min(nextDouble, nextSingle)
            guard i < n else { break }
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
