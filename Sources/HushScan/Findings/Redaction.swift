/// How reports show secrets: redacted by default, in full only on request (`--show-secrets`).
package enum Redaction: Sendable, Hashable {
    case redacted
    case shown

    /// Characters of a secret a redacted report keeps, at most.
    package static let keptPrefix = 4

    /// The secret as this policy shows it. Redacted: the first 4 characters and "…", but never more
    /// than half the secret, so a short secret is not given away.
    package func apply(_ secret: String) -> String {
        switch self {
        case .shown: return secret
        case .redacted:
            if let armour = Self.armourHeader(of: secret) { return armour + "…" }
            return String(secret.prefix(min(Self.keptPrefix, secret.count / 2))) + "…"
        }
    }

    /// The `-----BEGIN … -----` line of an armoured key: it names the key type and reveals nothing,
    /// where the first 4 characters ("----") would say nothing at all.
    private static func armourHeader(of secret: String) -> String? {
        guard secret.hasPrefix("-----BEGIN ") else { return nil }
        let line = secret.prefix { $0 != "\n" && $0 != "\r" && $0 != "\\" }
        guard line.count < 80, line.hasSuffix("-----"), line.count > 16 else { return nil }
        return String(line)
    }
}
