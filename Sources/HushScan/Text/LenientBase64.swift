import Foundation

/// Base64 decoding for detection: standard and URL-safe alphabets (not mixed), padded or not.
/// Strict about everything else, because a decoder that guesses turns identifiers into garbage.
enum LenientBase64 {
    /// Which base64 alphabet a run of text uses.
    enum Alphabet: Sendable { case standard, urlSafe, either }

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "+"))] = 62
        table[Int(UInt8(ascii: "/"))] = 63
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Whether `c` belongs to either base64 alphabet (padding excluded).
    static func isSymbol(_ c: UInt8) -> Bool { values[Int(c)] != 0xFF }

    /// The alphabet `text` uses, or nil when it mixes `+/` with `-_`.
    static func alphabet(of text: some Collection<UInt8>) -> Alphabet? {
        var standard = false
        var urlSafe = false
        for c in text {
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "/") { standard = true }
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") { urlSafe = true }
        }
        switch (standard, urlSafe) {
        case (true, true): return nil
        case (true, false): return .standard
        case (false, true): return .urlSafe
        case (false, false): return .either
        }
    }

    /// The decoded bytes, or nil when `text` is not base64: foreign bytes, mixed alphabets, padding
    /// anywhere but the end, or a length no encoder produces (1 mod 4).
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var body = Array(text)
        var padding = 0
        while body.last == UInt8(ascii: "=") {
            body.removeLast()
            padding += 1
        }
        guard padding <= 2, body.count % 4 != 1, alphabet(of: body) != nil else { return nil }
        if padding > 0, (body.count + padding) % 4 != 0 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        // The table as a local buffer: a static read in the loop pays a once-check per byte.
        let valid = values.withUnsafeBufferPointer { table in
            for c in body {
                let v = table[Int(c)]
                guard v != 0xFF else { return false }
                accumulator = (accumulator << 6) | UInt32(v)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            }
            return true
        }
        return valid ? out : nil
    }

    /// `decode`, after dropping the whitespace that wraps PEM bodies and MIME lines (when asked).
    static func decode(_ text: some Collection<UInt8>, skippingWhitespace: Bool) -> [UInt8]? {
        guard skippingWhitespace else { return decode(text) }
        return decode(text.filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) })
    }

    /// The decoded text, when `text` is base64 of valid UTF-8.
    static func decodeString(_ text: some StringProtocol) -> String? {
        guard let bytes = decode(Array(text.utf8)) else { return nil }
        return String(data: Data(bytes), encoding: .utf8)
    }

    /// Standard base64 with padding (used by tests and validators that rebuild tokens).
    static func encode(_ bytes: [UInt8], urlSafe: Bool = false, padded: Bool = true) -> String {
        let table = Array((urlSafe
            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let n = (UInt32(chunk[0]) << 16) | (chunk.count > 1 ? UInt32(chunk[1]) << 8 : 0) | (chunk.count > 2 ? UInt32(chunk[2]) : 0)
            for k in 0..<4 where k <= chunk.count {
                out.append(table[Int((n >> UInt32(18 - 6 * k)) & 0x3F)])
            }
            if padded { out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "="), count: 3 - chunk.count)) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
