/// Byte-level text helpers for hot paths: ASCII case folding and substring tests without building
/// `String`s (the standard library's generic substring search is far slower on short values).
enum ByteText {
    static func lowercased(_ v: some Sequence<UInt8>) -> [UInt8] { v.map(ValueCharacterClasses.lowercased) }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Whether `needle` occurs in `hay`.
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool { firstIndex(of: needle, in: hay) != nil }

    /// The first offset of `needle` in `hay`.
    static func firstIndex(of needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first, hay.count - start >= needle.count else { return nil }
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether `hay` starts with `prefix`.
    static func hasPrefix(_ hay: [UInt8], _ prefix: [UInt8]) -> Bool {
        hay.count >= prefix.count && hay[..<prefix.count].elementsEqual(prefix)
    }

    /// Whether `hay` ends with `suffix`.
    static func hasSuffix(_ hay: [UInt8], _ suffix: [UInt8]) -> Bool {
        hay.count >= suffix.count && hay[(hay.count - suffix.count)...].elementsEqual(suffix)
    }

    /// `bytes` without leading and trailing spaces and tabs.
    static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes
        while let f = s.first, ValueCharacterClasses.isSpace(f) { s = s.dropFirst() }
        while let l = s.last, ValueCharacterClasses.isSpace(l) { s = s.dropLast() }
        return s
    }
}
