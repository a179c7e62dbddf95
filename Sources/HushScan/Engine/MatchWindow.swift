import Foundation

/// The bytes PCRE2 re-runs a rule on around one Vectorscan hit: whole lines around the hit, cut short
/// on very long lines so a multi-megabyte single-line file costs no more than a normal one.
struct MatchWindow: Sendable, Hashable {
    var range: Range<Int>
    /// The window starts mid-line because the line was too long; a match touching the start may be cut.
    var clippedStart: Bool
    /// The window ends mid-line because the line was too long; a match touching the end may be cut.
    var clippedEnd: Bool
    /// Where the hit's own line ends (past its newline), or the window's end if that comes first.
    var hitLineEnd: Int

    /// The lines around the byte before `end` (a match's last byte), `lines` more on each side,
    /// newline included, reaching at most `sideLimit` bytes to either side of `end`.
    static func around(
        end: Int, lines: Int, sideLimit: Int, in buffer: UnsafeRawBufferPointer
    ) -> MatchWindow {
        let newline = UInt8(ascii: "\n")
        let count = buffer.count
        guard count > 0 else {
            return MatchWindow(range: 0..<0, clippedStart: false, clippedEnd: false, hitLineEnd: 0)
        }
        let anchor = min(max(end, 1), count) - 1
        let floor = max(0, end - sideLimit)
        let ceiling = min(count, end + sideLimit)

        // Back over `lines + 1` newlines before the anchor byte (which may itself be the newline
        // ending the hit's line).
        var start = anchor
        var clippedStart = false
        for step in 0...lines {
            guard let found = lastNewline(in: buffer, from: floor, to: start) else {
                start = floor
                clippedStart = floor > 0 && buffer[floor - 1] != newline
                break
            }
            start = step == lines ? found + 1 : found
        }

        // Forward over `lines + 1` newlines from the anchor on.
        var stop = anchor
        var clippedEnd = false
        var hitLineEnd: Int?
        for step in 0...lines {
            guard let found = firstNewline(in: buffer, from: stop, to: ceiling) else {
                stop = ceiling
                clippedEnd = ceiling < count && buffer[ceiling - 1] != newline
                break
            }
            if step == 0 { hitLineEnd = found + 1 }
            stop = found + 1
        }
        return MatchWindow(
            range: start..<stop, clippedStart: clippedStart, clippedEnd: clippedEnd, hitLineEnd: hitLineEnd ?? stop)
    }

    private static func firstNewline(in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress else { return nil }
        return memchr(base + from, 0x0A, to - from).map { base.distance(to: UnsafeRawPointer($0)) }
    }

    /// The last newline in `from..<to`, eight bytes at a time (there is no memrchr in Swift's Glibc).
    private static func lastNewline(in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress else { return nil }
        var index = to
        while index - 8 >= from {
            let word = base.loadUnaligned(fromByteOffset: index - 8, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            // Non-zero exactly when some byte of `word` is zero, i.e. some byte was a newline.
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            index -= 8
        }
        while index > from {
            index -= 1
            if base.load(fromByteOffset: index, as: UInt8.self) == 0x0A { return index }
        }
        return nil
    }
}
