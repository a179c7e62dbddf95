/// Fixture text with the expected secrets marked inline, so a test reads like the file it scans:
/// `⟦secret⟧` expects a secret found by any rule, `⟦rule-id⟩secret⟧` expects that rule to find it.
/// `bytes` is the text without the markers; `secrets` lists each expected secret, its byte range in
/// `bytes`, and the rule named for it.
public struct MarkedText: Sendable {
    public struct Expected: Sendable, Hashable {
        public var secret: String
        public var range: Range<Int>
        /// The rule that must find it; nil when any rule may.
        public var rule: String?
    }

    public var bytes: [UInt8]
    public var secrets: [Expected]

    public init(_ text: String) {
        bytes = []
        secrets = []
        var openedAt: Int?
        var rule: String?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "⟦":
                openedAt = bytes.count
                rule = nil
            case "⟩" where openedAt != nil && rule == nil:
                // What came since the opening marker was the rule id, not the secret.
                rule = String(decoding: bytes[openedAt!...], as: UTF8.self)
                bytes.removeSubrange(openedAt!...)
            case "⟧":
                guard let start = openedAt else { continue }
                secrets.append(Expected(
                    secret: String(decoding: bytes[start...], as: UTF8.self), range: start..<bytes.count, rule: rule))
                openedAt = nil
            default: bytes += Array(String(scalar).utf8)
            }
        }
    }

    /// The text without the markers.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
