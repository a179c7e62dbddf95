import Foundation

/// Substring search on bytes: memchr for the first byte, memcmp for the rest. (Foundation's
/// `firstRange(of:)`, which byte slices pick up, is several times slower; validators and the
/// placeholder filter search every confirmed match.)
enum ByteSearch {
    /// The offset of the first `needle` in `haystack`.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let head = needle.first else { return 0 }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        let lastStart = haystack.count - needle.count
        return needle.withUnsafeBytes { needleBytes -> Int? in
            guard let needleBase = needleBytes.baseAddress else { return nil }
            var offset = 0
            while offset <= lastStart {
                guard let hit = memchr(base + offset, Int32(head), lastStart - offset + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, needleBase, needle.count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }
}

extension ArraySlice<UInt8> {
    /// Where `needle` first occurs in this slice, in the slice's indices.
    func firstOccurrence(of needle: [UInt8]) -> Range<Int>? {
        withUnsafeBytes { ByteSearch.firstOffset(of: needle, in: $0) }
            .map { (startIndex + $0)..<(startIndex + $0 + needle.count) }
    }
}

extension Array<UInt8> {
    /// Where `needle` first occurs in this array.
    func firstOccurrence(of needle: [UInt8]) -> Range<Int>? {
        self[...].firstOccurrence(of: needle)
    }
}
