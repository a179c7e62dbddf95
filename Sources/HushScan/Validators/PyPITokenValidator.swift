/// Offline check of PyPI API tokens: `pypi-` + unpadded base64url of a serialised macaroon.
///
/// Facts: PyPI (Warehouse) mints macaroons with pymacaroons and serialises them in the libmacaroons
/// v2 binary format: a version byte `0x02`, then fields written as `type byte, varint length,
/// data`: an optional location (type 1, `pypi.org` or `test.pypi.org`), the identifier (2), an
/// end-of-section byte `0x00`; then caveat sections (optional location 1, identifier 2, optional
/// verification id 4, end 0); an end-of-caveats byte; and the signature (6), 32 bytes. So a token
/// starts `pypi-AgEIcHlwaS5vcmc` (02 01 08 "pypi.org"). The v1 format (base64 of text packets,
/// each a 4-hex-digit length then `key value\n`: `location`, `identifier`, `cid`/`vid`/`cl`,
/// `signature`) is also accepted.
package enum PyPITokenValidator {
    /// The parts of a macaroon that say what it is.
    package struct Macaroon: Sendable, Hashable {
        package var version: Int
        package var location: String?
        package var identifier: [UInt8]
        /// Identifiers of the caveats (first-party caveats are JSON restrictions on PyPI).
        package var caveats: [[UInt8]]
    }

    private static let locations: Set<String> = ["pypi.org", "test.pypi.org"]

    /// `.valid` when the token decodes to a well-formed macaroon located at PyPI (or without a
    /// location); `.none` when it opens like a PyPI macaroon but the rest does not parse (a field
    /// type PyPI may add later must not hide a live token); `.invalid` otherwise; `.none` without
    /// the `pypi-` prefix.
    package static func validate(_ token: String) -> Validation {
        guard token.hasPrefix("pypi-") else { return .none }
        guard let m = macaroon(in: token) else { return opensLikePyPI(token) ? .none : .invalid }
        return m.location.map(locations.contains) ?? true ? .valid : .invalid
    }

    /// Version 2, then a location field naming PyPI, then an identifier field.
    private static func opensLikePyPI(_ token: String) -> Bool {
        guard let bytes = LenientBase64.decode(Array(token.utf8.dropFirst(5).prefix(32))), bytes.count >= 4,
            bytes[0] == 0x02, bytes[1] == 0x01
        else { return false }
        let length = Int(bytes[2])
        guard bytes.count > 3 + length else { return false }
        return locations.contains(String(decoding: bytes[3..<(3 + length)], as: UTF8.self)) && bytes[3 + length] == 0x02
    }

    /// The macaroon inside a `pypi-` token, when it decodes and parses completely.
    package static func macaroon(in token: String) -> Macaroon? {
        guard token.hasPrefix("pypi-"), let bytes = LenientBase64.decode(Array(token.utf8.dropFirst(5))), !bytes.isEmpty else {
            return nil
        }
        return bytes[0] == 0x02 ? parseV2(bytes) : parseV1(bytes)
    }

    // MARK: v2 binary

    private struct Reader {
        let bytes: [UInt8]
        var at = 1

        mutating func field() -> (type: UInt8, data: ArraySlice<UInt8>)? {
            guard at < bytes.count else { return nil }
            let type = bytes[at]
            at += 1
            if type == 0 { return (0, []) }
            var length = 0
            var shift = 0
            while true {
                guard at < bytes.count, shift < 28 else { return nil }
                let b = bytes[at]
                at += 1
                length |= Int(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            guard length <= bytes.count - at else { return nil }
            defer { at += length }
            return (type, bytes[at..<(at + length)])
        }
    }

    private static func parseV2(_ bytes: [UInt8]) -> Macaroon? {
        var r = Reader(bytes: bytes)
        var location: String?
        guard var f = r.field() else { return nil }
        if f.type == 1 {
            location = String(decoding: f.data, as: UTF8.self)
            guard let next = r.field() else { return nil }
            f = next
        }
        guard f.type == 2, let end = r.field(), end.type == 0 else { return nil }
        let identifier = Array(f.data)
        var caveats: [[UInt8]] = []
        while true {
            guard var c = r.field() else { return nil }
            if c.type == 0 { break }  // end of caveats
            if c.type == 1, let next = r.field() { c = next }
            guard c.type == 2 else { return nil }
            caveats.append(Array(c.data))
            guard var next = r.field() else { return nil }
            if next.type == 4, let after = r.field() { next = after }
            guard next.type == 0 else { return nil }
        }
        guard let signature = r.field(), signature.type == 6, signature.data.count == 32, r.at == bytes.count else { return nil }
        return Macaroon(version: 2, location: location, identifier: identifier, caveats: caveats)
    }

    // MARK: v1 text packets

    private static func parseV1(_ bytes: [UInt8]) -> Macaroon? {
        var at = 0
        var fields: [(String, [UInt8])] = []
        while at < bytes.count {
            guard at + 4 <= bytes.count, let length = Int(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16),
                length > 5, at + length <= bytes.count, bytes[at + length - 1] == 0x0A,
                let space = bytes[(at + 4)..<(at + length)].firstIndex(of: UInt8(ascii: " "))
            else { return nil }
            fields.append((String(decoding: bytes[(at + 4)..<space], as: UTF8.self), Array(bytes[(space + 1)..<(at + length - 1)])))
            at += length
        }
        guard let first = fields.first, first.0 == "location", fields.count >= 3, fields[1].0 == "identifier",
            let last = fields.last, last.0 == "signature", last.1.count == 32
        else { return nil }
        let caveats = fields.filter { $0.0 == "cid" }.map(\.1)
        return Macaroon(version: 1, location: String(decoding: first.1, as: UTF8.self), identifier: fields[1].1, caveats: caveats)
    }
}
