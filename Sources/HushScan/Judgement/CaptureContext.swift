/// What a pattern rule's capture is assigned to, read from its line, so `KnownNonSecretShape` can
/// tell a UUID under `request_id:` (an identifier) from one under `api_key:` (maybe a key).
enum CaptureContext {
    /// Bytes before the capture that are looked at: one assignment's worth.
    static let lookBehind = 64

    /// The key and the text before the capture at `secretStart`, within its line.
    static func shapeContext(before secretStart: Int, in bytes: UnsafeRawBufferPointer) -> ShapeContext {
        var lineStart = secretStart
        let limit = max(0, secretStart - lookBehind)
        while lineStart > limit, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let before = Array(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<secretStart]))
        return ShapeContext(key: key(in: before), textBefore: String(decoding: before, as: UTF8.self), matchedByRule: true)
    }

    /// The name just before an assignment operator at the end of `text` (`aws_secret = "` gives
    /// `aws_secret`; `Authorization: Bearer ` gives `Bearer`), or nil.
    static func key(in text: [UInt8]) -> String? {
        var end = text.count
        while end > 0, isOperatorOrQuote(text[end - 1]) { end -= 1 }
        var start = end
        while start > 0, AssignmentScan.isKeyByte(text[start - 1]) { start -= 1 }
        return start < end ? String(decoding: text[start..<end], as: UTF8.self) : nil
    }

    private static func isOperatorOrQuote(_ c: UInt8) -> Bool {
        ValueCharacterClasses.isWhitespace(c) || c == UInt8(ascii: "=") || c == UInt8(ascii: ":")
            || c == UInt8(ascii: ">") || AssignmentScan.isQuote(c)
    }
}
