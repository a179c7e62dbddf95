/// Reads AWS access key ids (and the other unique-id kinds that share their shape).
///
/// Facts: an id is a 4-character prefix naming what it identifies (AWS IAM documentation, "unique
/// identifier prefixes") and 16 characters of RFC 4648 base32 (`A-Z2-7`: `0`, `1`, `8`, `9` never
/// appear). Researchers (Aidan Steele 2020, Tal Be'ery 2023, WithSecure's bitwise analysis of 3000+
/// ids) found that the body decodes to 10 bytes whose first 48 bits, read big-endian, hold a
/// "new format" flag in the top bit and the 12-digit account id in the next 40 bits (mask
/// 0x7FFFFFFFFF80, shift right 7). Ids issued before the format changed (flag clear) do not carry
/// the account. There is no checksum: only prefix, alphabet and length can be checked.
package enum AWSKeyIDDecoder {
    /// What an id's prefix says it identifies.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case accessKey = "AKIA", temporaryAccessKey = "ASIA", bearerToken = "ABIA", contextCredential = "ACCA"
        case group = "AGPA", user = "AIDA", instanceProfile = "AIPA", managedPolicy = "ANPA"
        case managedPolicyVersion = "ANVA", publicKey = "APKA", role = "AROA", certificate = "ASCA"

        /// Whether ids of this kind belong to a credential (the others name IAM resources).
        package var isCredential: Bool { [.accessKey, .temporaryAccessKey, .bearerToken, .contextCredential].contains(self) }
    }

    /// The kind named by `id`'s prefix.
    package static func kind(of id: String) -> Kind? { Kind(rawValue: String(id.prefix(4))) }

    /// `.valid` for a known prefix with 16 base32 characters after it, `.invalid` for a known prefix
    /// with a body AWS never issues, `.none` for an unknown prefix.
    package static func validate(_ id: String) -> Validation {
        guard kind(of: id) != nil else { return .none }
        return decodedBody(id) == nil ? .invalid : .valid
    }

    /// The 12-digit account id encoded in a new-format `id`, or nil for old-format or malformed ids.
    package static func accountID(of id: String) -> String? {
        guard kind(of: id) != nil, let body = decodedBody(id) else { return nil }
        let high = body.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard high >> 47 == 1 else { return nil }
        let account = (high & 0x7FFF_FFFF_FF80) >> 7
        guard account < 1_000_000_000_000 else { return nil }
        let digits = String(account)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// The 10 bytes of the base32 body, or nil when `id` is not 20 characters of prefix + base32.
    static func decodedBody(_ id: String) -> [UInt8]? {
        let chars = Array(id.utf8)
        guard chars.count == 20 else { return nil }
        var bits: UInt64 = 0
        var count = 0
        var out: [UInt8] = []
        for c in chars.dropFirst(4) {
            let v: UInt8
            if ValueCharacterClasses.isUpper(c) { v = c - UInt8(ascii: "A") } else if (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(c) {
                v = c - UInt8(ascii: "2") + 26
            } else { return nil }
            bits = bits << 5 | UInt64(v)
            count += 5
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt64(count)))
            }
        }
        return out
    }
}
