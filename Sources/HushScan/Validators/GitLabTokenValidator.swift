/// Offline check of GitLab tokens.
///
/// Facts (GitLab's token generator, its decoder, and the Cells "routable tokens" design document):
/// - Legacy tokens: a prefix (`glpat-` personal/project/group access tokens, `glrt-` runner,
///   `gldt-` deploy, `glcbt-` CI build, ...) + 20 characters of `[A-Za-z0-9_-]`. No checksum, so
///   only the structure can be checked.
/// - Routable tokens (behind a flag from late 2024; every new PAT since mid-2025):
///   `<prefix><P>.<V>.<L><C>` where P is unpadded base64url (27–300 characters) of
///   `routing payload + 16 random bytes + one byte holding 16`, V is the 2-character base36 version
///   (`01`), L is base36 of P's length (2 characters), and C is 7 base36 characters: the CRC-32
///   (zlib) of everything before it, prefix included. An earlier unversioned form `<prefix><P>.<L><C>`
///   was issued between 2024-11 and 2025-04 and is checked the same way. The routing payload is
///   `k:v` lines (`c` cell, `o` organization, `g` group, `p` project, `u` user, `t` runner type),
///   integers in base36.
package enum GitLabTokenValidator {
    /// A routable token, taken apart.
    package struct RoutableToken: Sendable, Hashable {
        package var prefix: String
        /// Nil for the unversioned 2024–2025 form.
        package var version: String?
        /// Routing fields by key (`o`, `u`, `c`, ...), values as written (base36 integers).
        package var routing: [String: String]
    }

    private static let prefixes = [
        "glpat-", "glrt-", "gldt-", "glcbt-", "glptt-", "glimt-", "glagent-", "glsoat-", "glffct-", "glft-",
        "gloas-", "glwt-", "glrtr-", "gloat-",
    ]

    /// `.valid` for a routable token whose CRC matches or a legacy token of the right shape;
    /// `.invalid` for a routable token whose length field or CRC is wrong, or a body GitLab never
    /// produces; `.none` for text without a GitLab prefix.
    package static func validate(_ token: String) -> Validation {
        let bytes = Array(token.utf8)
        guard let prefix = prefixes.first(where: { token.hasPrefix($0) }) else { return .none }
        let body = bytes.dropFirst(prefix.utf8.count)
        if body.contains(UInt8(ascii: ".")) { return routable(token) == nil ? .invalid : .valid }
        let legacyAlphabet = body.allSatisfy { ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        guard legacyAlphabet else { return .invalid }
        // Legacy bodies are 20 characters; agent and OAuth secrets run longer (50, 64).
        return body.count >= 20 && body.count <= 64 ? .valid : .invalid
    }

    /// The routable token `token` holds, when its structure, length field and CRC all check out.
    package static func routable(_ token: String) -> RoutableToken? {
        let bytes = Array(token.utf8)
        guard let prefix = prefixes.first(where: { token.hasPrefix($0) }), bytes.count > prefix.utf8.count + 10 else { return nil }
        let crcText = bytes.suffix(7)
        let checked = Array(bytes.dropLast(7))
        guard crcText.allSatisfy(isBase36), let crc = base36Value(crcText), crc == UInt64(crc32(checked)) else { return nil }
        // `checked` is `<prefix><P>.<V>.<L>` or `<prefix><P>.<L>`.
        let parts = checked.dropFirst(prefix.utf8.count).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let payload: ArraySlice<UInt8>
        let version: String?
        let lengthField: ArraySlice<UInt8>
        switch parts.count {
        case 3:
            payload = parts[0]
            guard parts[1].count == 2, parts[1].allSatisfy(isBase36) else { return nil }
            version = String(decoding: parts[1], as: UTF8.self)
            lengthField = parts[2]
        case 2:
            payload = parts[0]
            version = nil
            lengthField = parts[1]
        default:
            return nil
        }
        guard lengthField.count == 2, let length = base36Value(lengthField), Int(length) == payload.count,
            (27...300).contains(payload.count),
            payload.allSatisfy({ ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }),
            let decoded = LenientBase64.decode(payload), let randomLength = decoded.last, Int(randomLength) + 1 <= decoded.count
        else { return nil }
        let routingBytes = decoded.dropLast(Int(randomLength) + 1)
        var routing: [String: String] = [:]
        for line in routingBytes.split(separator: 0x0A) {
            let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 1)
            if fields.count == 2 { routing[String(decoding: fields[0], as: UTF8.self)] = String(decoding: fields[1], as: UTF8.self) }
        }
        return RoutableToken(prefix: prefix, version: version, routing: routing)
    }

    private static func isBase36(_ c: UInt8) -> Bool { ValueCharacterClasses.isDigit(c) || ValueCharacterClasses.isLower(c) }

    private static func base36Value(_ text: some Collection<UInt8>) -> UInt64? {
        var v: UInt64 = 0
        for c in text {
            let d: UInt64
            if ValueCharacterClasses.isDigit(c) { d = UInt64(c - UInt8(ascii: "0")) } else if ValueCharacterClasses.isLower(c) {
                d = UInt64(c - UInt8(ascii: "a") + 10)
            } else { return nil }
            v = v * 36 + d
        }
        return v
    }

    /// CRC-32 as zlib computes it (IEEE polynomial, reflected, initial and final XOR 0xFFFFFFFF).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
