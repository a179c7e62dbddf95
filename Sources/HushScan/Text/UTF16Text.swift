/// UTF-16 text files (Windows tools write them: PowerShell's `>`, .reg exports, some .ini and
/// .config files), which a NUL probe takes for binary: told apart by their byte-order mark or by
/// the pattern of zero bytes ASCII text leaves in one half of each code unit, and re-encoded as
/// UTF-8 for the scan. Lines and columns are the same in both (columns count code points).
package enum UTF16Text {
    /// The text as UTF-8, when `bytes` is UTF-16 text; nil otherwise (a binary file).
    package static func utf8(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 4 else { return nil }
        var start = 0
        var littleEndian: Bool
        if bytes[0] == 0xFF, bytes[1] == 0xFE {
            littleEndian = true
            start = 2
        } else if bytes[0] == 0xFE, bytes[1] == 0xFF {
            littleEndian = false
            start = 2
        } else {
            // No BOM: ASCII-range text has a zero in every other byte and none in the rest.
            let probe = min(bytes.count, 8192) & ~1
            var zeroEven = 0, zeroOdd = 0
            for i in stride(from: 0, to: probe, by: 2) {
                if bytes[i] == 0 { zeroEven += 1 }
                if bytes[i + 1] == 0 { zeroOdd += 1 }
            }
            let units = probe / 2
            // A few units have a zero in the other half too (U+4E00, U+0100, a surrogate's DE00).
            if zeroOdd * 10 >= units * 9, zeroEven * 20 <= units { littleEndian = true }
            else if zeroEven * 10 >= units * 9, zeroOdd * 20 <= units { littleEndian = false }
            else { return nil }
        }
        let count = (bytes.count - start) / 2
        var units = [UInt16](repeating: 0, count: count)
        for k in 0..<count {
            let a = UInt16(bytes[start + 2 * k]), b = UInt16(bytes[start + 2 * k + 1])
            units[k] = littleEndian ? a | (b << 8) : (a << 8) | b
        }
        // A file that decodes to NULs or many control characters was binary after all.
        let controls = units.prefix(4096).filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        guard controls * 100 <= min(units.count, 4096) else { return nil }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
