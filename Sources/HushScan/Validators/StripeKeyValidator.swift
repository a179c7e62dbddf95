/// Offline structure check of Stripe API keys and webhook signing secrets. No checksum exists.
///
/// Facts (Stripe "API keys" documentation): secret keys `sk_`, publishable keys `pk_`, restricted
/// keys `rk_`, each followed by `live_` or `test_` (sandbox) and a base62 body. Keys issued before
/// about 2019 have 24-character bodies; current ones are about 99 characters (starting with the
/// account's `51…` form). Stripe documents object ids and keys as up to 255 characters. Webhook
/// signing secrets are `whsec_` + base62. Publishable keys are meant to be public.
package enum StripeKeyValidator {
    /// What a Stripe key is.
    package struct Key: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable { case secret = "sk", publishable = "pk", restricted = "rk", webhookSecret = "whsec" }
        package var kind: Kind
        /// False for sandbox (`_test_`) keys; webhook secrets carry no mode.
        package var live: Bool
        /// Whether the key grants access (publishable keys do not need hiding).
        package var isSecret: Bool { kind != .publishable }
    }

    /// The key `text` is, when it has a Stripe prefix and a well-formed body.
    package static func key(_ text: String) -> Key? {
        guard let (key, body) = split(text), isWellFormed(body, kind: key.kind) else { return nil }
        return key
    }

    /// `.valid` for a known prefix with a base62 body of a length Stripe issues; `.invalid` for a
    /// known prefix with any other body; `.none` for anything else.
    package static func validate(_ text: String) -> Validation {
        guard let (key, body) = split(text) else { return .none }
        return isWellFormed(body, kind: key.kind) ? .valid : .invalid
    }

    private static func split(_ text: String) -> (Key, Substring)? {
        if text.hasPrefix("whsec_") { return (Key(kind: .webhookSecret, live: true), text.dropFirst(6)) }
        for kind in [Key.Kind.secret, .publishable, .restricted] {
            for (mode, live) in [("live_", true), ("test_", false)] where text.hasPrefix(kind.rawValue + "_" + mode) {
                return (Key(kind: kind, live: live), text.dropFirst(kind.rawValue.count + 1 + mode.count))
            }
        }
        return nil
    }

    private static func isWellFormed(_ body: Substring, kind: Key.Kind) -> Bool {
        let minimum = kind == .webhookSecret ? 32 : 24
        return (minimum...247).contains(body.utf8.count) && body.utf8.allSatisfy(ValueCharacterClasses.isAlphanumeric)
    }
}
