import Foundation

/// 1-based line and column of a byte offset in a buffer.
///
/// Columns count Unicode code points: every byte that does not continue a UTF-8 sequence counts
/// one, so for valid UTF-8 the column is what an editor shows (a tab counts as one). In invalid
/// UTF-8, a stray continuation byte does not count.
package struct TextPosition: Sendable, Hashable, Comparable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Where each line of a buffer starts; built in one `memchr` pass, only for buffers with matches.
struct LineIndex {
    private let bytes: UnsafeRawBufferPointer
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    private(set) var lineStarts: [Int] = [0]

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count, let hit = memchr(base + offset, 0x0A, bytes.count - offset) {
            offset = base.distance(to: UnsafeRawPointer(hit)) + 1
            lineStarts.append(offset)
        }
    }

    /// The 1-based line holding the byte at `offset` (an offset at the end of the buffer counts too).
    func line(of offset: Int) -> Int {
        // The last line start not after `offset`.
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low + 1
    }

    func position(of offset: Int) -> TextPosition {
        var cursor = Cursor()
        return position(of: offset, from: &cursor)
    }

    /// The last position computed, so that positions asked for in increasing order cost one pass
    /// over a long line rather than one pass per match.
    struct Cursor {
        fileprivate var offset = -1
        fileprivate var position = TextPosition(line: 0, column: 0)
    }

    func position(of offset: Int, from cursor: inout Cursor) -> TextPosition {
        let line = line(of: offset)
        var index = lineStarts[line - 1]
        var column = 1
        if cursor.position.line == line && cursor.offset <= offset && cursor.offset >= index {
            index = cursor.offset
            column = cursor.position.column
        }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        let position = TextPosition(line: line, column: column)
        cursor = Cursor(offset: offset, position: position)
        return position
    }

    /// Byte range of a 1-based line, without its line break (`\n` or `\r\n`).
    func range(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}
