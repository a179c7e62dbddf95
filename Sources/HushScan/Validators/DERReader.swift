/// A minimal reader of DER tag-length-value elements, enough to check a key's outline.
struct DERReader {
    /// One element: its tag byte and where its content sits in the reader's bytes.
    struct Element {
        var tag: UInt8
        var content: Range<Int>
    }

    static let integer: UInt8 = 0x02
    static let octetString: UInt8 = 0x04
    static let objectIdentifier: UInt8 = 0x06
    static let sequence: UInt8 = 0x30

    let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    private init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// Reads the next element; nil (and the position unchanged) if what follows is not well-formed DER.
    mutating func read() -> Element? {
        var cursor = position
        guard cursor + 2 <= end else { return nil }
        let tag = bytes[cursor]
        // High tag numbers (0x1F) never appear in the structures we check.
        guard tag & 0x1F != 0x1F else { return nil }
        let first = bytes[cursor + 1]
        cursor += 2
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            // 0x80 is BER's indefinite length, not DER; more than 4 length bytes is never a key.
            let count = Int(first & 0x7F)
            guard (1...4).contains(count), cursor + count <= end else { return nil }
            for byte in bytes[cursor..<(cursor + count)] { length = length << 8 | Int(byte) }
            cursor += count
        }
        guard length <= end - cursor else { return nil }
        position = cursor + length
        return Element(tag: tag, content: cursor..<(cursor + length))
    }

    /// Reads the next element only if it has `tag`.
    mutating func read(tag: UInt8) -> Element? {
        let saved = position
        guard let element = read(), element.tag == tag else {
            position = saved
            return nil
        }
        return element
    }

    /// A reader over an element's content (for constructed types such as SEQUENCE).
    func children(of element: Element) -> DERReader {
        DERReader(bytes, range: element.content)
    }

    /// The value of a non-negative INTEGER element that fits in 8 bytes.
    func smallInteger(_ element: Element) -> UInt64? {
        guard element.tag == Self.integer, !element.content.isEmpty, element.content.count <= 9 else { return nil }
        let content = bytes[element.content]
        guard let first = content.first, first & 0x80 == 0 else { return nil }
        guard content.count < 9 || first == 0 else { return nil }
        return content.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
