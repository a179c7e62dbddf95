import Foundation

/// Judges a candidate value by what it looks like, for generic (key-named) detection.
///
/// Randomness is measured against the value's own alphabet and length rather than one entropy
/// threshold: the Shannon entropy `H` (bits per character) is divided by the most a string of that
/// length over that alphabet can reach, `log2(min(alphabet, length))`, where the alphabet is 16 for
/// single-case hex and otherwise the sum of the classes present (26 lower, 26 upper, 10 digits,
/// 32 symbols). Generated tokens score 0.9–1.0 at every length; repeated or patterned text scores low.
///
/// Thresholds (see `Thresholds`): random when the ratio is ≥ 0.80, fewer than half the letters sit
/// in word-like runs (after undoing leetspeak), and the value has two classes or 20+ characters.
/// High confidence needs 20+ characters, ratio ≥ 0.88, and three classes (or 32+ hex/characters);
/// otherwise medium. Under a password key, a non-random value with two classes (or a 12+ character
/// passphrase) is a human password, reported at low confidence.
public struct SecretValueJudgement: Sendable {
    /// The numbers the judgement uses, so callers and tests can see and tune them.
    public struct Thresholds: Sendable, Hashable {
        public var minimumLength = 8
        public var minimumPasswordLength = 6
        public var randomRatio = 0.80
        public var highConfidenceRatio = 0.88
        public var highConfidenceLength = 20
        public var longLength = 32
        /// Above this share of letters in word-like runs, a value reads as words.
        public var wordyShare = 0.5
        /// Above this share of neighbouring pairs that are equal or adjacent (alphabet, keyboard), a
        /// value is a sequence.
        public var sequenceShare = 0.6
        public var maximumPasswordLength = 128

        public init() {}
    }

    public var thresholds: Thresholds

    public init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// The verdict for `value` found under `key` (nil when there is no key), with the text before the
    /// value on its line for digest contexts.
    public static func judge(_ value: some StringProtocol, key: String? = nil, textBefore: String = "") -> SecretVerdict {
        SecretValueJudgement().judge(value, key: key, textBefore: textBefore)
    }

    /// The verdict for `value` under these thresholds.
    public func judge(_ value: some StringProtocol, key: String? = nil, textBefore: String = "") -> SecretVerdict {
        let v = KnownNonSecretShape.trimmed(Array(value.utf8))
        guard !v.isEmpty else { return .notSecret(.empty) }
        let passwordKey = key.map(SecretKeyName.isPasswordLike) ?? false
        if Self.isPlaceholder(v) { return .notSecret(.placeholder) }
        if let shape = KnownNonSecretShape.classify(bytes: v, context: ShapeContext(key: key, textBefore: textBefore)) {
            return .notSecret(.knownShape(shape))
        }
        let minimum = passwordKey ? thresholds.minimumPasswordLength : thresholds.minimumLength
        guard v.count >= minimum else { return .notSecret(.tooShort) }
        if Self.sequenceShare(v) >= thresholds.sequenceShare { return .notSecret(.sequence) }
        let hasSpace = v.contains(UInt8(ascii: " "))
        if hasSpace, Self.isProse(v, passwordKey: passwordKey) { return .notSecret(.prose) }

        let measure = Self.measure(v)
        let wordy = Self.wordyShare(v)
        let random = measure.ratio >= thresholds.randomRatio && wordy < thresholds.wordyShare
            && (measure.classes.count >= 2 || v.count >= thresholds.highConfidenceLength) && !hasSpace
        if random {
            let broad = measure.classes.count >= 3 || v.count >= thresholds.longLength
            let strong = v.count >= thresholds.highConfidenceLength && measure.ratio >= thresholds.highConfidenceRatio && broad
            return .secret(confidence: strong ? .high : .medium)
        }
        if passwordKey, v.count <= thresholds.maximumPasswordLength,
            measure.classes.count >= 2 || (hasSpace && v.count >= 12) {
            return .humanPassword
        }
        return .notSecret(wordy >= thresholds.wordyShare ? .word : .lowEntropy)
    }

    /// Entropy of a value against the best its alphabet and length allow.
    public struct Measure: Sendable, Hashable {
        public var classes: ValueCharacterClasses
        /// 16 for single-case hex, otherwise the sum of the classes' sizes.
        public var alphabetSize: Int
        public var bitsPerCharacter: Double
        /// `bitsPerCharacter / log2(min(alphabetSize, length))`, in 0...1.
        public var ratio: Double
    }

    /// Measures `value`'s randomness for its alphabet and length.
    public static func measure(_ value: some StringProtocol) -> Measure { measure(Array(value.utf8)) }

    static func measure(_ v: [UInt8]) -> Measure {
        let classes = ValueCharacterClasses(of: v)
        let singleCaseHex = ValueCharacterClasses.isHexText(v) && !(classes.contains(.lower) && classes.contains(.upper))
        let alphabet = singleCaseHex ? 16 : max(classes.alphabetSize, 2)
        let bits = ValueCharacterClasses.shannonBits(v)
        let best = log2(Double(max(2, min(alphabet, v.count))))
        return Measure(classes: classes, alphabetSize: alphabet, bitsPerCharacter: bits, ratio: min(1, bits / best))
    }

    // MARK: Words, sequences, prose

    /// Leetspeak digits and symbols read as the letters they stand for, so `Tr0ub4dor` reads as a word.
    private static func unleet(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"), UInt8(ascii: "!"): UInt8(ascii: "i")
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"), UInt8(ascii: "@"): UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): UInt8(ascii: "s")
        case UInt8(ascii: "7"): UInt8(ascii: "t")
        default: b
        }
    }

    /// Share of letters (after undoing leetspeak inside letter runs) that sit in runs of 4+ letters
    /// reading as words.
    static func wordyShare(_ v: [UInt8]) -> Double {
        // Leet characters only count as letters between letters: `Summer2024` keeps its year.
        var mapped = v
        for i in mapped.indices where !ValueCharacterClasses.isLetter(v[i]) {
            let before = i > 0 && ValueCharacterClasses.isLetter(v[i - 1])
            let after = i + 1 < v.count && ValueCharacterClasses.isLetter(v[i + 1])
            if before && after { mapped[i] = unleet(v[i]) }
        }
        var letters = 0
        var wordy = 0
        var run: [UInt8] = []
        func close() {
            if run.count >= 4, WordShape.isPronounceable(run) { wordy += run.count }
            run.removeAll(keepingCapacity: true)
        }
        for (i, b) in mapped.enumerated() {
            if ValueCharacterClasses.isLetter(b) {
                letters += 1
                // A lower-to-upper switch starts a new word (`SummerTime`).
                if let last = run.last, ValueCharacterClasses.isLower(last), ValueCharacterClasses.isUpper(b) { close() }
                run.append(b)
            } else {
                close()
            }
            if i == mapped.count - 1 { close() }
        }
        return letters == 0 ? 0 : Double(wordy) / Double(letters)
    }

    private static let keyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"].map { Array($0.utf8) }

    /// Share of neighbouring pairs that repeat, step through the alphabet or digits, or neighbour on
    /// a keyboard row.
    static func sequenceShare(_ v: [UInt8]) -> Double {
        guard v.count >= 2 else { return 0 }
        var hits = 0
        for i in 1..<v.count {
            let a = ValueCharacterClasses.lowercased(v[i - 1])
            let b = ValueCharacterClasses.lowercased(v[i])
            let step = Int(a) - Int(b)
            let sameKind = ValueCharacterClasses.isAlphanumeric(a) == ValueCharacterClasses.isAlphanumeric(b)
            if abs(step) <= 1, sameKind {
                hits += 1
                continue
            }
            if keyboardRows.contains(where: { row in
                guard let ia = row.firstIndex(of: a), let ib = row.firstIndex(of: b) else { return false }
                return abs(ia - ib) == 1
            }) {
                hits += 1
            }
        }
        return Double(hits) / Double(v.count - 1)
    }

    private static let stopWords: Set<String> = [
        "the", "a", "an", "your", "you", "to", "of", "for", "is", "be", "enter", "here", "please", "this",
        "with", "and", "in", "on", "must", "should", "will", "not", "use", "set", "if", "it",
    ]

    /// A sentence rather than a passphrase: function words, or many words outside password fields.
    static func isProse(_ v: [UInt8], passwordKey: Bool) -> Bool {
        let words = v.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self).lowercased() }
        guard words.count >= 2 else { return false }
        if words.contains(where: stopWords.contains) { return true }
        return !passwordKey && words.count >= 3
    }
}
