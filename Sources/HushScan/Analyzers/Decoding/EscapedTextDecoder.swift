/// Undoes JSON, YAML (double-quoted) and C-style string escapes: `\n`, `\t`, `\"`, `\\`, `\/`,
/// `\uXXXX` (with surrogate pairs), `\xHH`. Unknown escapes are kept as written.
enum EscapedTextDecoder {
    /// Whether `c` starts an escape this decoder understands (after a backslash).
    static func isEscapeLetter(_ c: UInt8) -> Bool { escapeLetters[Int(c)] }

    private static let escapeLetters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "nrtbf\"'\\/ux0".utf8 { table[Int(c)] = true }
        return table
    }()

    /// The decoded bytes of `text` (the inside of a quoted string).
    static func decode(_ text: some Collection<UInt8>) -> [UInt8] {
        let s = Array(text)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            guard c == UInt8(ascii: "\\"), i + 1 < s.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = s[i + 1]
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "0"): out.append(0x00); i += 2
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e); i += 2
            case UInt8(ascii: "x"):
                if let v = hexValue(s, from: i + 2, digits: 2) {
                    out.append(UInt8(v))
                    i += 4
                } else {
                    out.append(c); i += 1
                }
            case UInt8(ascii: "u"):
                guard var scalar = hexValue(s, from: i + 2, digits: 4) else { out.append(c); i += 1; continue }
                var consumed = 6
                // A high surrogate followed by `\uDC00`-`\uDFFF` makes one scalar.
                if (0xD800...0xDBFF).contains(scalar), s.count >= i + 12,
                    s[i + 6] == UInt8(ascii: "\\"), s[i + 7] == UInt8(ascii: "u"),
                    let low = hexValue(s, from: i + 8, digits: 4), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    consumed = 12
                }
                out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8))
                i += consumed
            default:
                out.append(c)
                i += 1
            }
        }
        return out
    }

    private static func hexValue(_ s: [UInt8], from start: Int, digits: Int) -> UInt32? {
        guard start + digits <= s.count else { return nil }
        var v: UInt32 = 0
        for k in start..<(start + digits) {
            let c = s[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}
