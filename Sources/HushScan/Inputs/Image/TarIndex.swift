/// The members of an uncompressed tar held in memory, with where each one's data lies: how an
/// image tarball's blobs are found so that its layers can be read in place, in parallel, without
/// unpacking anything.
///
/// Reads POSIX ustar, pax (`path`, `linkpath`, `size`) and GNU (long names, base-256 sizes) headers.
/// The input is attacker-controlled: every offset is checked against the bytes there are, a bad
/// header checksum or a member running past the end stops the listing there (`problem` says so),
/// and what was listed before stays usable.
struct TarIndex: Sendable {
    struct Member: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case file, directory, symlink, hardlink, other }
        /// As stored, without a leading `./` or a trailing `/`.
        var name: String
        var kind: Kind
        var linkTarget: String
        /// Offsets of the member's data in the tar.
        var data: Range<Int>
    }

    var members: [Member] = []
    /// What stopped the listing before a proper end, in words; nil for a tar that ends well.
    var problem: String?

    static let blockSize = 512

    /// Whether `bytes` start with a tar header whose checksum holds.
    static func startsWithHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= blockSize else { return false }
        let header = UnsafeRawBufferPointer(rebasing: bytes[0..<blockSize])
        return !isZeroBlock(header) && checksumHolds(header)
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        var paxPath: String?
        var paxLinkPath: String?
        var paxSize: Int?
        var longName: String?
        var longLink: String?
        while true {
            guard offset + Self.blockSize <= bytes.count else {
                if offset < bytes.count || members.isEmpty { problem = "truncated: the archive ends inside a header at byte \(offset)" }
                return
            }
            let header = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Self.blockSize)])
            if Self.isZeroBlock(header) { return }
            guard Self.checksumHolds(header) else {
                problem = "not a valid tar header at byte \(offset) (checksum mismatch)"
                return
            }
            guard let declared = Self.number(header, 124, 12) else {
                problem = "unreadable size in the header at byte \(offset)"
                return
            }
            let type = header[156]
            let size = (type == UInt8(ascii: "x") || type == UInt8(ascii: "L") || type == UInt8(ascii: "K")) ? declared : (paxSize ?? declared)
            let dataStart = offset + Self.blockSize
            guard size >= 0, size <= bytes.count - dataStart else {
                problem = "truncated: a member at byte \(offset) declares \(size) bytes, past the end of the archive"
                return
            }
            let data = dataStart..<(dataStart + size)
            let padded = (size + Self.blockSize - 1) / Self.blockSize * Self.blockSize
            defer { offset = dataStart + padded }
            switch type {
            case UInt8(ascii: "x"):
                let records = Self.paxRecords(UnsafeRawBufferPointer(rebasing: bytes[data]))
                paxPath = records["path"] ?? paxPath
                paxLinkPath = records["linkpath"] ?? paxLinkPath
                if let text = records["size"], let value = Int(text), value >= 0 { paxSize = value }
                continue
            case UInt8(ascii: "g"):
                continue
            case UInt8(ascii: "L"):
                longName = Self.string(UnsafeRawBufferPointer(rebasing: bytes[data.prefix(Self.maximumNameLength)]))
                continue
            case UInt8(ascii: "K"):
                longLink = Self.string(UnsafeRawBufferPointer(rebasing: bytes[data.prefix(Self.maximumNameLength)]))
                continue
            default:
                break
            }
            let (name, slashEnded) = Self.trimmed(paxPath ?? longName ?? Self.headerName(header))
            let kind: Member.Kind = switch type {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): slashEnded ? .directory : .file
            case UInt8(ascii: "1"): .hardlink
            case UInt8(ascii: "2"): .symlink
            case UInt8(ascii: "5"): .directory
            default: .other
            }
            let link = paxLinkPath ?? longLink ?? Self.string(UnsafeRawBufferPointer(rebasing: header[157..<257]))
            members.append(Member(name: name, kind: kind, linkTarget: link, data: kind == .file ? data : data.lowerBound..<data.lowerBound))
            paxPath = nil
            paxLinkPath = nil
            paxSize = nil
            longName = nil
            longLink = nil
        }
    }

    /// Names longer than this (pax and GNU records can be any length) are cut: no real image has one.
    static let maximumNameLength = 64 << 10

    /// Without leading `./` and trailing `/` (one pass over the bytes: names are attacker-sized),
    /// and whether a `/` ended it.
    private static func trimmed(_ name: String) -> (String, Bool) {
        var bytes = Array(name.utf8.prefix(maximumNameLength))[...]
        while bytes.count >= 2, bytes.first == UInt8(ascii: "."), bytes[bytes.startIndex + 1] == UInt8(ascii: "/") { bytes = bytes.dropFirst(2) }
        let slashEnded = bytes.last == UInt8(ascii: "/")
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes = bytes.dropLast() }
        return (String(decoding: bytes, as: UTF8.self), slashEnded)
    }

    private static func isZeroBlock(_ header: UnsafeRawBufferPointer) -> Bool {
        !header.contains { $0 != 0 }
    }

    /// The stored checksum equals the header's byte sum with the checksum field read as spaces
    /// (unsigned, or signed as some old writers summed).
    private static func checksumHolds(_ header: UnsafeRawBufferPointer) -> Bool {
        guard let stored = number(header, 148, 8) else { return false }
        var unsigned = 0
        var signed = 0
        for index in 0..<blockSize {
            let byte = (148..<156).contains(index) ? UInt8(ascii: " ") : header[index]
            unsigned += Int(byte)
            signed += Int(Int8(bitPattern: byte))
        }
        return stored == unsigned || stored == signed
    }

    /// An octal field (NUL or space terminated), or GNU's base-256 form (high bit set).
    private static func number(_ header: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> Int? {
        let field = header[start..<(start + length)]
        if let first = field.first, first & 0x80 != 0 {
            guard first & 0x40 == 0 else { return nil }  // negative
            var value = Int(first & 0x3F)
            for byte in field.dropFirst() {
                guard value <= (Int.max >> 8) else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var seenDigit = false
        for byte in field {
            if byte == 0 || (byte == UInt8(ascii: " ") && seenDigit) { break }
            if byte == UInt8(ascii: " ") { continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte), value <= (Int.max >> 3) else { return nil }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
            seenDigit = true
        }
        return value
    }

    private static func headerName(_ header: UnsafeRawBufferPointer) -> String {
        let name = string(UnsafeRawBufferPointer(rebasing: header[0..<100]))
        // POSIX ustar ("ustar\0"): a prefix field holds the leading directories of a long name.
        let posix = header[257..<263].elementsEqual(Array("ustar".utf8) + [0])
        guard posix else { return name }
        let prefix = string(UnsafeRawBufferPointer(rebasing: header[345..<500]))
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The bytes up to the first NUL, as UTF-8 (invalid bytes replaced).
    private static func string(_ field: UnsafeRawBufferPointer) -> String {
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }

    /// `LENGTH key=value\n` records; a malformed record ends the list.
    private static func paxRecords(_ data: UnsafeRawBufferPointer) -> [String: String] {
        var records: [String: String] = [:]
        var index = data.startIndex
        while index < data.endIndex {
            var length = 0
            var cursor = index
            while cursor < data.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(data[cursor]) {
                length = length * 10 + Int(data[cursor] - UInt8(ascii: "0"))
                guard length <= data.count else { return records }
                cursor += 1
            }
            guard cursor < data.endIndex, data[cursor] == UInt8(ascii: " "), length > cursor - index + 1,
                  index + length <= data.endIndex else { return records }
            let record = data[(cursor + 1)..<(index + length - 1)]  // without the final newline
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
                records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            }
            index += length
        }
        return records
    }
}
