/// What a value looks like to `SecretValueJudgement`.
package enum SecretVerdict: Sendable, Hashable {
    /// Random-looking: report at this confidence (`.high` or `.medium`).
    case secret(confidence: Rule.Confidence)
    /// A person's password (`Summer2024!`) under a password-named key: report at low confidence.
    case humanPassword
    /// Not a secret, and why.
    case notSecret(NotSecretReason)

    /// The confidence a finding for this value should carry, or nil when it is not reported.
    package var reportConfidence: Rule.Confidence? {
        switch self {
        case .secret(let confidence): confidence
        case .humanPassword: .low
        case .notSecret: nil
        }
    }
}

/// Why a value was judged not to be a secret.
package enum NotSecretReason: Sendable, Hashable {
    case empty
    /// Shorter than the minimum for its key (6 under password keys, 8 otherwise).
    case tooShort
    /// `changeme`, `your_password`, `xxxx`, `****`, `TODO`, `null`, ...
    case placeholder
    case knownShape(NonSecretShape)
    /// Keyboard or alphabet runs and repeats: `abcdefgh`, `qwertyuiop`, `11112222`.
    case sequence
    /// A sentence (`Enter your password here`).
    case prose
    /// Reads as words rather than random characters.
    case word
    /// Too little entropy for its alphabet and length to be generated.
    case lowEntropy
}
