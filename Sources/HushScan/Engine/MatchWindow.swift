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

        // Walk back over `lines + 1` newlines (not counting the anchor byte itself, which may be the
        // newline ending the hit's line).
        var start = anchor
        var clippedStart = false
        var remaining = lines + 1
        while true {
            if start <= floor {
                start = floor
                clippedStart = floor > 0 && buffer[floor - 1] != newline
                break
            }
            if buffer[start - 1] == newline {
                remaining -= 1
                if remaining == 0 { break }
            }
            start -= 1
        }

        var stop = anchor
        var clippedEnd = false
        var hitLineEnd: Int?
        remaining = lines + 1
        while true {
            if stop >= ceiling {
                stop = ceiling
                clippedEnd = ceiling < count && buffer[ceiling - 1] != newline
                break
            }
            if buffer[stop] == newline {
                remaining -= 1
                if hitLineEnd == nil { hitLineEnd = stop + 1 }
                if remaining == 0 {
                    stop += 1
                    break
                }
            }
            stop += 1
        }
        return MatchWindow(
            range: start..<stop, clippedStart: clippedStart, clippedEnd: clippedEnd, hitLineEnd: hitLineEnd ?? stop)
    }
}
