import Foundation

/// One line of `vault import` input: a JSON object
/// `{"name": "...", "value": "...", "username"?, "url"?, "notes"?, "tags"?: [...]}`.
///
/// Parsed by hand rather than with JSONDecoder so that the value is decoded straight into guarded memory
/// (never an ordinary String), a duplicated key is an error instead of silently taking one of the two,
/// and invalid UTF-8 is refused instead of turning into U+FFFD.
package enum ImportLine {
    private static let keys: Set<String> = ["name", "value", "username", "url", "notes", "tags"]

    /// Parses one JSON line held in `line` (line numbers start at 1, for the error message).
    package static func parse(_ line: UnsafeRawBufferPointer, lineNumber: Int) throws(VaultError) -> EntryWrite {
        func fail(_ reason: String) -> VaultError { .input("import line \(lineNumber): \(reason)") }
        if let offset = UTF8Check.firstInvalidByte(line) { throw fail("invalid UTF-8 at byte \(offset + 1)") }
        var parser = JSONLineParser(bytes: line)
        var name: String?
        var value: SecretBytes?
        var fields = FieldChanges()
        var seen: Set<String> = []
        do throws(JSONLineParser.Failure) {
            try parser.expect(UInt8(ascii: "{"))
            if !parser.consume(UInt8(ascii: "}")) {
                repeat {
                    let key = try parser.string()
                    guard keys.contains(key) else {
                        throw .message("unknown key \"\(key)\" (expected name, value, username, url, notes, tags)")
                    }
                    guard seen.insert(key).inserted else { throw .message("the key \"\(key)\" appears twice") }
                    try parser.expect(UInt8(ascii: ":"))
                    switch key {
                    case "name": name = try parser.string()
                    case "value": value = try parser.secretString()
                    case "username": fields.username = try parser.optionalString()
                    case "url": fields.url = try parser.optionalString()
                    case "notes": fields.notes = try parser.optionalString()
                    default: fields.tags = try parser.optionalStringArray()
                    }
                } while parser.consume(UInt8(ascii: ","))
                try parser.expect(UInt8(ascii: "}"))
            }
            try parser.expectEnd()
        } catch {
            switch error {
            case let .message(reason): throw fail(reason)
            case let .malformed(offset):
                throw fail("not valid JSON at byte \(offset + 1); expected an object with string \"name\" and \"value\"")
            }
        }
        guard let name, let value else { throw fail("expected an object with string \"name\" and \"value\"") }
        do throws(VaultError) {
            try EntryName.validate(name)
        } catch {
            throw fail(error.localizedDescription)
        }
        return EntryWrite(name: name, value: value, changes: fields)
    }
}

/// A strict JSON reader for one flat import object.
private struct JSONLineParser {
    enum Failure: Error {
        case malformed(offset: Int)
        case message(String)
    }

    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[offset]) { offset += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard consume(byte) else { throw .malformed(offset: offset) }
    }

    mutating func expectEnd() throws(Failure) {
        skipSpace()
        guard offset == bytes.count else { throw .malformed(offset: offset) }
    }

    mutating func consumeLiteral(_ word: String) -> Bool {
        skipSpace()
        let literal = Array(word.utf8)
        guard bytes.count - offset >= literal.count, zip(literal, bytes[offset..<(offset + literal.count)]).allSatisfy({ $0 == $1 })
        else { return false }
        offset += literal.count
        return true
    }

    /// Decodes a JSON string into `out` (which must hold at least the raw length); returns the decoded length.
    /// With `out` nil, only measures: the decoded length, so the value's guarded buffer is allocated once.
    mutating func decodeString(into out: UnsafeMutableRawBufferPointer?) throws(Failure) -> Int {
        try expect(UInt8(ascii: "\""))
        var length = 0
        func put(_ byte: UInt8) { out?[length] = byte; length += 1 }
        func putScalar(_ value: UInt32) {
            if value < 0x80 { put(UInt8(value)) } else if value < 0x800 {
                put(UInt8(0xC0 | (value >> 6))); put(UInt8(0x80 | (value & 0x3F)))
            } else if value < 0x10000 {
                put(UInt8(0xE0 | (value >> 12))); put(UInt8(0x80 | ((value >> 6) & 0x3F))); put(UInt8(0x80 | (value & 0x3F)))
            } else {
                put(UInt8(0xF0 | (value >> 18))); put(UInt8(0x80 | ((value >> 12) & 0x3F)))
                put(UInt8(0x80 | ((value >> 6) & 0x3F))); put(UInt8(0x80 | (value & 0x3F)))
            }
        }
        while true {
            guard offset < bytes.count else { throw .malformed(offset: offset) }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return length
            case 0..<0x20: throw .malformed(offset: offset - 1)
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw .malformed(offset: offset) }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): put(escape)
                case UInt8(ascii: "b"): put(0x08)
                case UInt8(ascii: "f"): put(0x0C)
                case UInt8(ascii: "n"): put(0x0A)
                case UInt8(ascii: "r"): put(0x0D)
                case UInt8(ascii: "t"): put(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard consumeRaw("\\u") else { throw .message("a \\u escape holds an unpaired surrogate") }
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw .message("a \\u escape holds an unpaired surrogate")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw .message("a \\u escape holds an unpaired surrogate")
                    }
                    putScalar(scalar)
                default: throw .malformed(offset: offset - 1)
                }
            default: put(byte)
            }
        }
    }

    private mutating func consumeRaw(_ text: String) -> Bool {
        let literal = Array(text.utf8)
        guard bytes.count - offset >= literal.count, zip(literal, bytes[offset..<(offset + literal.count)]).allSatisfy({ $0 == $1 })
        else { return false }
        offset += literal.count
        return true
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw .malformed(offset: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw .malformed(offset: offset)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// A string that is not secret (names, fields): measured, then decoded into ordinary memory.
    mutating func string() throws(Failure) -> String {
        let start = offset
        var scratch = [UInt8](repeating: 0, count: try decodeString(into: nil))
        offset = start
        var result: Result<Int, Failure> = .success(0)
        scratch.withUnsafeMutableBytes { out in
            do throws(Failure) { result = .success(try decodeString(into: out)) } catch { result = .failure(error) }
        }
        _ = try result.get()
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw .message("a string is not valid UTF-8 after unescaping")
        }
        return text
    }

    /// The value: measured, then decoded straight into a guarded buffer of its exact size.
    mutating func secretString() throws(Failure) -> SecretBytes {
        let start = offset
        let value = SecretBytes(count: try decodeString(into: nil))
        offset = start
        _ = try value.withUnsafeMutableBytes { (out) throws(Failure) -> Int in try decodeString(into: out) }
        return value
    }

    mutating func optionalString() throws(Failure) -> String? {
        if consumeLiteral("null") { return nil }
        return try string()
    }

    mutating func optionalStringArray() throws(Failure) -> [String]? {
        if consumeLiteral("null") { return nil }
        try expect(UInt8(ascii: "["))
        var items: [String] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat { items.append(try string()) } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return items
    }
}

/// UTF-8 validation over raw bytes, without building a String (the bytes may be secret).
package enum UTF8Check {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or nil.
    package static func firstInvalidByte(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let (length, low, high): (Int, UInt8, UInt8)
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return index
            }
            guard bytes.count - index >= length, (low...high).contains(bytes[index + 1]) else { return index }
            for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) { return index }
            index += length
        }
        return nil
    }
}
