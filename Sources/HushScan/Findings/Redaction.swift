/// How reports show secrets: redacted by default, in full only on request (`--show-secrets`).
public enum Redaction: Sendable, Hashable {
    case redacted
    case shown

    /// Characters of a secret a redacted report keeps, at most.
    public static let keptPrefix = 4

    /// The secret as this policy shows it. Redacted: the first 4 characters and "…", but never more
    /// than half the secret, so a short secret is not given away.
    public func apply(_ secret: String) -> String {
        switch self {
        case .shown: secret
        case .redacted: String(secret.prefix(min(Self.keptPrefix, secret.count / 2))) + "…"
        }
    }
}
