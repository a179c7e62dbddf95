import Foundation

/// The character classes present in a candidate value, and byte predicates shared by the shape,
/// judgement and decoding code. ASCII only: every value we judge is mostly ASCII, and non-ASCII
/// bytes count as symbols.
package struct ValueCharacterClasses: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let lower = ValueCharacterClasses(rawValue: 1 << 0)
    package static let upper = ValueCharacterClasses(rawValue: 1 << 1)
    package static let digit = ValueCharacterClasses(rawValue: 1 << 2)
    package static let symbol = ValueCharacterClasses(rawValue: 1 << 3)

    /// The classes present in `bytes`.
    package init(of bytes: some Sequence<UInt8>) {
        var raw: UInt8 = 0
        for b in bytes {
            if Self.isLower(b) { raw |= 1 } else if Self.isUpper(b) { raw |= 2 } else if Self.isDigit(b) {
                raw |= 4
            } else { raw |= 8 }
        }
        self.init(rawValue: raw)
    }

    /// How many classes are present.
    package var count: Int { rawValue.nonzeroBitCount }

    /// The size of the alphabet a generator drawing from these classes would use. Symbols count as the
    /// 32 printable ASCII punctuation characters.
    package var alphabetSize: Int {
        (contains(.lower) ? 26 : 0) + (contains(.upper) ? 26 : 0) + (contains(.digit) ? 10 : 0)
            + (contains(.symbol) ? 32 : 0)
    }

    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isLetter(_ b: UInt8) -> Bool { isLower(b) || isUpper(b) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func isVowel(_ b: UInt8) -> Bool {
        switch b | 0x20 {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "y"): true
        default: false
        }
    }
    static func lowercased(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Whether every byte is in the standard or URL-safe base64 alphabet (padding allowed at the end).
    static func isBase64Text(_ bytes: some Collection<UInt8>) -> Bool {
        var seenPadding = false
        for b in bytes {
            if b == UInt8(ascii: "=") { seenPadding = true; continue }
            if seenPadding { return false }
            guard isAlphanumeric(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            else { return false }
        }
        return true
    }

    /// Whether all bytes are hex digits.
    static func isHexText(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isHexDigit)
    }

    /// Shannon entropy in bits per character (bytes, for the ASCII values judged here).
    static func shannonBits(_ bytes: some Collection<UInt8>) -> Double {
        guard bytes.count > 1 else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let n = Double(bytes.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return h
    }
}
