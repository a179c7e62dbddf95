/// The checksum scheme of GitHub and npm tokens: a prefix, 30 random base62 characters, then the
/// CRC-32 of those 30 characters written in base62 (0-9A-Za-z), left-padded with '0' to 6 characters.
struct TokenChecksum: Sendable {
    var prefixes: [String]

    static let github = TokenChecksum(prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
    static let npm = TokenChecksum(prefixes: ["npm_"])

    static let bodyLength = 30
    static let checksumLength = 6
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    func validator(name: String) -> Validator {
        Validator(name: name, isConclusive: true) { input in self.validate(input.secret) }
    }

    /// `.valid` when `token` is a known prefix, 36 base62 characters and a matching checksum.
    func validate(_ token: Substring) -> Validation {
        let bytes = Array(token.utf8)
        guard let prefix = prefixes.first(where: { bytes.starts(with: $0.utf8) }) else { return .invalid }
        let rest = bytes.dropFirst(prefix.utf8.count)
        guard rest.count == Self.bodyLength + Self.checksumLength,
              rest.allSatisfy({ Self.alphabet.contains($0) })
        else { return .invalid }
        let body = rest.prefix(Self.bodyLength)
        let expected = Self.base62(CRC32.checksum(body))
        return rest.suffix(Self.checksumLength).elementsEqual(expected) ? .valid : .invalid
    }

    /// The 6-character, zero-padded base62 form of a checksum.
    static func base62(_ value: UInt32) -> [UInt8] {
        var digits = [UInt8](repeating: alphabet[0], count: checksumLength)
        var rest = value
        var index = checksumLength - 1
        // 62^6 > 2^32, so six digits always hold a 32-bit value.
        while rest > 0 && index >= 0 {
            digits[index] = alphabet[Int(rest % 62)]
            rest /= 62
            index -= 1
        }
        return digits
    }
}
