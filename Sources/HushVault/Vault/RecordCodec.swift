import Foundation

/// The plaintext layout of a sealed entry version, built and parsed inside guarded memory.
///
/// `format(1) | name | value | username? | url? | notes? | tagCount(4) tags… | created(8) | updated(8)`;
/// strings are `length(4, big-endian) bytes`, an absent optional has length 0xFFFFFFFF, dates are
/// milliseconds since 1970 as big-endian Int64.
enum RecordCodec {
    static let format: UInt8 = 1
    private static let absent = UInt32.max

    static func encode(name: String, value: SecretBytes, fields: EntryFields, created: Date, updated: Date) -> SecretBytes {
        var out = SecretBytes(count: size(name: name, value: value, fields: fields))
        _ = encode(name: name, value: value, fields: fields, created: created, updated: updated, into: &out)
        return out
    }

    /// The plaintext's length for these contents.
    static func size(name: String, value: SecretBytes, fields: EntryFields) -> Int {
        var size = 1 + 4 + name.utf8.count + 4 + value.count + 4 + 16
        size += [fields.username, fields.url, fields.notes].reduce(0) { $0 + 4 + ($1?.utf8.count ?? 0) }
        return size + fields.tags.reduce(0) { $0 + 4 + $1.utf8.count }
    }

    /// Encodes into `scratch` (grown when too small, so a loop of writes reuses one guarded buffer) and
    /// returns the plaintext's length.
    static func encode(
        name: String, value: SecretBytes, fields: EntryFields, created: Date, updated: Date, into scratch: inout SecretBytes
    ) -> Int {
        let strings = [fields.username, fields.url, fields.notes]
        let size = size(name: name, value: value, fields: fields)
        if scratch.count < size { scratch = SecretBytes(count: max(size, scratch.count * 2)) }
        let out = scratch
        out.withUnsafeMutableBytes { whole in
            let buffer = UnsafeMutableRawBufferPointer(rebasing: whole[..<size])
            var writer = Writer(buffer: buffer)
            writer.byte(format)
            writer.bytes(Array(name.utf8))
            value.withUnsafeBytes { writer.bytes($0) }
            for string in strings {
                if let string { writer.bytes(Array(string.utf8)) } else { writer.uint32(absent) }
            }
            writer.uint32(UInt32(fields.tags.count))
            for tag in fields.tags { writer.bytes(Array(tag.utf8)) }
            writer.int64(Int64((created.timeIntervalSince1970 * 1000).rounded()))
            writer.int64(Int64((updated.timeIntervalSince1970 * 1000).rounded()))
        }
        return size
    }

    /// Parses a plaintext; nil when the layout is wrong (which authentication should already rule out).
    static func decode(_ plaintext: SecretBytes, version: Int) -> EntryRecord? {
        plaintext.withUnsafeBytes { buffer -> EntryRecord? in
            guard let (summary, valueRange) = parse(buffer, version: version) else { return nil }
            return EntryRecord(
                name: summary.name, value: SecretBytes(bytes: UnsafeRawBufferPointer(rebasing: buffer[valueRange])),
                fields: summary.fields, created: summary.created, updated: summary.updated, version: version)
        }
    }

    /// Parses everything but the value (which stays where it is): for listing and checking many records.
    static func decodeSummary(_ buffer: UnsafeRawBufferPointer, version: Int) -> (summary: EntrySummary, created: Date)? {
        guard let (parsed, _) = parse(buffer, version: version) else { return nil }
        return (EntrySummary(name: parsed.name, fields: parsed.fields, updated: parsed.updated, version: version), parsed.created)
    }

    private struct Parsed {
        var name: String
        var fields: EntryFields
        var created: Date
        var updated: Date
    }

    private static func parse(_ buffer: UnsafeRawBufferPointer, version: Int) -> (Parsed, Range<Int>)? {
        var reader = Reader(buffer: buffer)
        guard reader.byte() == format,
            let name = reader.string(), let valueRange = reader.span(),
            let username = reader.optionalString(), let url = reader.optionalString(),
            let notes = reader.optionalString(), let tagCount = reader.uint32(),
            tagCount <= UInt32(buffer.count)
        else { return nil }
        var tags: [String] = []
        for _ in 0..<tagCount {
            guard let tag = reader.string() else { return nil }
            tags.append(tag)
        }
        guard let created = reader.int64(), let updated = reader.int64(), reader.atEnd else { return nil }
        let parsed = Parsed(
            name: name, fields: EntryFields(username: username ?? nil, url: url ?? nil, notes: notes ?? nil, tags: tags),
            created: Date(timeIntervalSince1970: Double(created) / 1000),
            updated: Date(timeIntervalSince1970: Double(updated) / 1000))
        return (parsed, valueRange)
    }

    private struct Writer {
        let buffer: UnsafeMutableRawBufferPointer
        var offset = 0

        mutating func byte(_ value: UInt8) {
            buffer[offset] = value
            offset += 1
        }
        mutating func uint32(_ value: UInt32) {
            for shift in stride(from: 24, through: 0, by: -8) { byte(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        mutating func int64(_ value: Int64) {
            let bits = UInt64(bitPattern: value)
            for shift in stride(from: 56, through: 0, by: -8) { byte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        }
        mutating func bytes(_ data: some Collection<UInt8>) {
            uint32(UInt32(data.count))
            for value in data { byte(value) }
        }
    }

    private struct Reader {
        let buffer: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset == buffer.count }

        mutating func byte() -> UInt8? {
            guard offset < buffer.count else { return nil }
            defer { offset += 1 }
            return buffer[offset]
        }
        mutating func uint32() -> UInt32? {
            guard buffer.count - offset >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 { value = value << 8 | UInt32(buffer[offset]); offset += 1 }
            return value
        }
        mutating func int64() -> Int64? {
            guard buffer.count - offset >= 8 else { return nil }
            var value: UInt64 = 0
            for _ in 0..<8 { value = value << 8 | UInt64(buffer[offset]); offset += 1 }
            return Int64(bitPattern: value)
        }
        mutating func span() -> Range<Int>? {
            guard let length = uint32(), length != absent, Int(length) <= buffer.count - offset else { return nil }
            defer { offset += Int(length) }
            return offset..<(offset + Int(length))
        }
        mutating func string() -> String? {
            guard let range = span() else { return nil }
            return String(validating: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
        /// nil = malformed; .some(nil) = absent.
        mutating func optionalString() -> String?? {
            guard buffer.count - offset >= 4 else { return nil }
            let saved = offset
            if uint32() == absent { return .some(nil) }
            offset = saved
            guard let value = string() else { return nil }
            return .some(value)
        }
    }
}
