/// Offline structure check of Slack tokens. Slack publishes no checksum, so only layout is checked.
///
/// Facts (Slack API "token types" documentation and tokens seen in Slack's own examples):
/// - Bot `xoxb-<team id>-<bot user id>-<24 alphanumerics>`; ids are decimal, 10–13 digits today.
/// - User `xoxp-<team id>-<user id>-<installation id>-<32 lowercase hex>`.
/// - App-level `xapp-<version digit>-<app id: A + uppercase alphanumerics>-<decimal>-<64 lowercase hex>`.
/// - Browser client `xoxc-<digits>-<digits>-<digits>-<64 lowercase hex>`.
/// - Rotating/configuration tokens `xoxe.xoxb-1-…` / `xoxe.xoxp-1-…` and refresh `xoxe-1-…`: a
///   version digit and a long alphanumeric body (over 100 characters).
/// - Legacy workspace `xoxa-2-…`, refresh `xoxr-…`, session `xoxs-…`: structure varies; only the
///   alphabet is checked.
package enum SlackTokenValidator {
    /// The token families Slack issues.
    package enum Kind: String, Sendable, Hashable {
        case bot = "xoxb", user = "xoxp", appLevel = "xapp", client = "xoxc", rotating = "xoxe", legacyWorkspace = "xoxa"
        case refresh = "xoxr", session = "xoxs"
    }

    /// The family `token` belongs to, from its prefix.
    package static func kind(of token: String) -> Kind? {
        if token.hasPrefix("xoxe.") || token.hasPrefix("xoxe-") { return .rotating }
        guard token.utf8.count > 5, token.utf8.dropFirst(4).first == UInt8(ascii: "-") else { return nil }
        return Kind(rawValue: String(token.prefix(4)))
    }

    /// `.valid` when the token has its family's documented layout; `.invalid` when it cannot be a
    /// token of its family (an id segment that is not decimal, a body outside the alphabet, a body
    /// too short to hold a secret: `xoxb-your-token-here`); `.none` for an unknown prefix or a
    /// plausible layout Slack has not documented.
    package static func validate(_ token: String) -> Validation {
        guard let kind = kind(of: token) else { return .none }
        let segments = token.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        switch kind {
        case .bot:
            return check(segments, ids: 2, tail: { isAlphanumeric($0) }, tailLength: 24, olderLayout: true)
        case .user:
            return check(segments, ids: 3, tail: isLowerHex, tailLength: 32)
        case .client:
            return check(segments, ids: 3, tail: isLowerHex, tailLength: 64)
        case .appLevel:
            guard segments.count == 5, isDecimal(segments[1]), segments[2].hasPrefix("A"),
                segments[2].allSatisfy({ $0.isUppercase || $0.isNumber }), isDecimal(segments[3]) else { return .invalid }
            return segments[4].count == 64 && isLowerHex(segments[4]) ? .valid : .invalid
        case .rotating:
            let body = segments.last ?? ""
            guard isAlphanumeric(body), segments.count >= 3, isDecimal(segments[segments.count - 2]) else { return .invalid }
            return body.count >= 100 ? .valid : (body.count >= 40 ? .none : .invalid)
        case .legacyWorkspace, .refresh, .session:
            let rest = segments.dropFirst()
            guard !rest.isEmpty, rest.allSatisfy(isAlphanumeric), rest.joined().count >= 20 else { return .invalid }
            return .none
        }
    }

    /// Checks `prefix-<id>…-<tail>`: `ids` decimal segments of 8–14 digits, then the secret tail.
    private static func check(_ segments: [String], ids: Int, tail: (String) -> Bool, tailLength: Int, olderLayout: Bool = false) -> Validation {
        guard segments.count == ids + 2 else {
            // Older bot tokens had one id (`xoxb-<digits>-<24 alnum>`): plausible, not documented now.
            if olderLayout, segments.count == 3, segments.dropFirst().dropLast().allSatisfy(isDecimal), let last = segments.last,
                isAlphanumeric(last), last.count >= 20 {
                return .none
            }
            return .invalid
        }
        let idSegments = segments[1...ids]
        guard idSegments.allSatisfy({ isDecimal($0) && (8...14).contains($0.count) }) else { return .invalid }
        let secret = segments[ids + 1]
        guard isAlphanumeric(secret), secret.count >= 16 else { return .invalid }
        return secret.count == tailLength && tail(secret) ? .valid : .none
    }

    private static func isDecimal(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy(ValueCharacterClasses.isDigit) }
    private static func isAlphanumeric(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy(ValueCharacterClasses.isAlphanumeric) }
    private static func isLowerHex(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ValueCharacterClasses.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}
