/// What `hush gen` (and `vault generate`) was asked for, before validation.
package struct GeneratorRequest: Sendable {
    /// Password length (nil: default 24).
    package var length: Int?
    /// Required classes.
    package var classes: [CharacterClass] = []
    /// Explicit alphabet.
    package var charset: String?
    /// Characters to leave out.
    package var exclude: String?
    /// Leave out look-alikes.
    package var noAmbiguous = false
    /// "Safe for" preset.
    package var safeFor: SafeFor?
    /// Passphrase word count (nil: a password).
    package var words: Int?
    /// Passphrase separator (nil: "-").
    package var separator: String?
    /// Capitalise passphrase words.
    package var capitalize = false
    /// Add a digit to the passphrase.
    package var digit = false

    /// An empty request: a 24-character password from all four classes.
    package init() {}
}

/// A validated password or passphrase generator.
package enum SecretGenerator: Sendable {
    case password(PasswordGenerator)
    case passphrase(PassphraseGenerator)

    /// Validates `request`, rejecting options that belong to the other kind of secret.
    package init(_ request: GeneratorRequest) throws(GeneratorError) {
        if let words = request.words {
            let passwordOnly = request.length != nil || !request.classes.isEmpty || request.charset != nil
                || request.exclude != nil || request.noAmbiguous || request.safeFor != nil
            guard !passwordOnly else {
                throw .conflictingOptions(
                    "--words makes a passphrase; --length, class flags, --charset, --exclude, --no-ambiguous "
                        + "and --for apply to passwords only")
            }
            self = .passphrase(
                try PassphraseGenerator(
                    wordCount: words, separator: request.separator ?? "-", capitalize: request.capitalize,
                    includeDigit: request.digit))
        } else {
            guard request.separator == nil, !request.capitalize, !request.digit else {
                throw .conflictingOptions("--separator, --capitalize and --digit need --words")
            }
            self = .password(
                try PasswordGenerator(
                    policy: PasswordPolicy(
                        length: request.length ?? 24, classes: request.classes, charset: request.charset,
                        exclude: request.exclude ?? "", noAmbiguous: request.noAmbiguous, safeFor: request.safeFor)))
        }
    }

    /// One secret from the system CSPRNG.
    package func generate() -> SecretBytes {
        switch self {
        case let .password(generator): generator.generate()
        case let .passphrase(generator): generator.generate()
        }
    }

    /// `count` secrets, one per line, in guarded memory (passwords share one allocation).
    package func generateLines(count: Int) -> SecretBytes {
        switch self {
        case let .password(generator):
            return generator.generateLines(count: count)
        case let .passphrase(generator):
            return generator.generateLines(count: count)
        }
    }

    /// Entropy in bits (a guaranteed lower bound for passwords, exact for passphrases).
    package var entropyBits: Double {
        switch self {
        case let .password(generator): generator.entropyBits
        case let .passphrase(generator): generator.entropyBits
        }
    }
}
