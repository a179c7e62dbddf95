import Foundation

/// Judges a candidate value by what it looks like, for generic (key-named) detection.
///
/// Randomness is measured against the value's own alphabet and length rather than one entropy
/// threshold: the Shannon entropy `H` (bits per character) is divided by the entropy a uniformly
/// random string of the same alphabet and length is expected to show (see `expectedRandomBits`).
/// The alphabet is 16 for single-case hex, else the sum of the classes present (26 lower, 26 upper,
/// 10 digits, 32 symbols); structural separators (`-`, `_`, `.` in UUIDs, Slack tokens, JWTs) are
/// left out when they are the only symbols. Generated tokens score about 1.0 (0.83+ for 99% of
/// them from 12 characters up, measured over 300 samples per alphabet and length); repeated or
/// patterned text scores far lower (`abcabc…` 0.48, `1111222233334444` 0.70).
///
/// Thresholds (see `Thresholds`): random when the ratio is ≥ 0.80, under half the value sits in
/// word-like letter runs (after undoing leetspeak), and the value has two classes or 20+
/// characters. High confidence needs 20+ characters, ratio ≥ 0.85, and three classes or 128 bits
/// of alphabet (length × log2 alphabet); otherwise medium. Under a password key, a non-random value
/// with two classes (or a 12+ character passphrase), or a keyboard/digit run with three classes, is
/// a human password, reported at low confidence.
/// Minimum lengths: 6 under password keys, 8 elsewhere.
package struct SecretValueJudgement: Sendable {
    /// The numbers the judgement uses, so callers and tests can see and tune them.
    package struct Thresholds: Sendable, Hashable {
        package var minimumLength = 8
        package var minimumPasswordLength = 6
        package var randomRatio = 0.80
        package var highConfidenceRatio = 0.85
        package var highConfidenceLength = 20
        /// Length × log2(alphabet) at or above which two classes suffice for high confidence.
        package var strongBits = 128.0
        /// Above this share of letters in word-like runs, a value reads as words.
        package var wordyShare = 0.5
        /// Above this share of neighbouring pairs that are equal or adjacent (alphabet, keyboard), a
        /// value is a sequence.
        package var sequenceShare = 0.6
        package var maximumPasswordLength = 128

        package init() {}
    }

    package var thresholds: Thresholds

    package init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// The verdict for `value` found under `key` (nil when there is no key), with the text before the
    /// value on its line for digest contexts.
    package static func judge(_ value: some StringProtocol, key: String? = nil, textBefore: String = "") -> SecretVerdict {
        SecretValueJudgement().judge(value, key: key, textBefore: textBefore)
    }

    /// The verdict for `value` under these thresholds.
    package func judge(_ value: some StringProtocol, key: String? = nil, textBefore: String = "") -> SecretVerdict {
        let v = KnownNonSecretShape.trimmed(Array(value.utf8))
        guard !v.isEmpty else { return .notSecret(.empty) }
        if Self.isPlaceholder(v) { return .notSecret(.placeholder) }
        let context = ShapeContext(key: key, textBefore: textBefore)
        let passwordKey = context.saysPassword
        if let shape = KnownNonSecretShape.classify(bytes: v, context: context) {
            return .notSecret(.knownShape(shape))
        }
        // A phrase naming the secret (`googleOauthClientSecret`) or base64 of a stand-in (`YWRtaW4=`).
        if Self.namesASecret(v) || Self.isBase64OfPlaceholder(v) { return .notSecret(.placeholder) }
        let minimum = passwordKey ? thresholds.minimumPasswordLength : thresholds.minimumLength
        guard v.count >= minimum else { return .notSecret(.tooShort) }
        if Self.sequenceShare(v) >= thresholds.sequenceShare {
            // Under a password key, a keyboard or digit run mixed with three character classes
            // (`Qwerty123!`, `Master1234`) is a weak password someone chose, not a filler run.
            let chosen = passwordKey && ValueCharacterClasses(of: v).count >= 3 && v.count <= thresholds.maximumPasswordLength
            return chosen ? .humanPassword : .notSecret(.sequence)
        }
        let hasSpace = v.contains(UInt8(ascii: " "))
        if hasSpace, Self.isProse(v, passwordKey: passwordKey) { return .notSecret(.prose) }

        let measure = Self.measure(v)
        // Hex letters (a-f) do not make words worth reading.
        let wordy = measure.alphabetSize == 16 ? 0 : Self.wordyShare(v)
        let random = measure.ratio >= thresholds.randomRatio && wordy < thresholds.wordyShare
            && (measure.classes.count >= 2 || v.count >= thresholds.highConfidenceLength) && !hasSpace
        if random {
            // Three classes, or as many bits as a 128-bit key (32 hex, 30 lowercase-and-digits).
            let broad = measure.classes.count >= 3 || Double(v.count) * log2(Double(measure.alphabetSize)) >= thresholds.strongBits
            let strong = v.count >= thresholds.highConfidenceLength && measure.ratio >= thresholds.highConfidenceRatio && broad
            return .secret(confidence: strong ? .high : .medium)
        }
        if passwordKey, v.count <= thresholds.maximumPasswordLength,
            measure.classes.count >= 2 || (hasSpace && v.count >= 12) {
            return .humanPassword
        }
        return .notSecret(wordy >= thresholds.wordyShare ? .word : .lowEntropy)
    }

    /// Entropy of a value against what a random string of its alphabet and length would show.
    package struct Measure: Sendable, Hashable {
        package var classes: ValueCharacterClasses
        /// 16 for single-case hex, otherwise the sum of the classes' sizes.
        package var alphabetSize: Int
        package var bitsPerCharacter: Double
        /// `bitsPerCharacter` divided by the expected entropy of a uniformly random string of the same
        /// alphabet and length: about 1 for generated tokens (0.83+ in 99% of them from 12 characters
        /// up), well below for patterned text.
        package var ratio: Double
    }

    /// Measures `value`'s randomness for its alphabet and length.
    package static func measure(_ value: some StringProtocol) -> Measure { measure(Array(value.utf8)) }

    static func measure(_ raw: [UInt8]) -> Measure {
        // Separators that structure a token (`-` in UUIDs and Slack tokens, `.` in JWTs) say nothing
        // about its randomness; measure without them when they are the only symbols and are few.
        let separators: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")]
        let symbols = raw.filter { !ValueCharacterClasses.isAlphanumeric($0) }
        let stripped = raw.filter { !separators.contains($0) }
        let v = !symbols.isEmpty && symbols.allSatisfy(separators.contains) && symbols.count * 5 <= raw.count && stripped.count >= 8 ? stripped : raw
        let classes = ValueCharacterClasses(of: v)
        let hexLetters = v.contains { ValueCharacterClasses.isLetter($0) }
        let singleCaseHex = ValueCharacterClasses.isHexText(v) && hexLetters && !(classes.contains(.lower) && classes.contains(.upper))
        let alphabet = singleCaseHex ? 16 : max(classes.alphabetSize, 2)
        let bits = ValueCharacterClasses.shannonBits(v)
        let expected = expectedRandomBits(alphabet: alphabet, length: v.count)
        return Measure(classes: classes, alphabetSize: alphabet, bitsPerCharacter: bits, ratio: expected > 0 ? bits / expected : 0)
    }

    /// The expected Shannon entropy (bits per character) of `length` characters drawn uniformly from
    /// `alphabet` symbols: each symbol's count is Binomial(length, 1/alphabet), so
    /// E[H] = -alphabet * sum over c of P(c) * (c/length) * log2(c/length).
    static func expectedRandomBits(alphabet: Int, length: Int) -> Double {
        guard length >= 2, alphabet >= 2 else { return 0 }
        let p = 1.0 / Double(alphabet)
        let l = Double(length)
        var pmf = pow(1 - p, l)
        var total = 0.0
        for c in 0...length {
            if c > 0 {
                let share = Double(c) / l
                total += pmf * share * log2(share)
            }
            if c < length { pmf *= Double(length - c) / Double(c + 1) * p / (1 - p) }
            if c > 8, Double(c) > 4 * l * p, pmf < 1e-12 { break }  // the tail adds nothing measurable
        }
        return -Double(alphabet) * total
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

    /// Share of the value (after undoing leetspeak inside letter runs) that sits in runs of 4+ letters
    /// reading as words. Stricter than `WordShape.isPronounceable`: at most three consonants in a row,
    /// a quarter vowels, and at most two leet substitutions per run, because random lowercase text
    /// passes looser tests.
    static func wordyShare(_ v: [UInt8]) -> Double {
        // Leet characters only count as letters between letters: `Summer2024` keeps its year.
        var mapped = v
        var substituted = [Bool](repeating: false, count: v.count)
        for i in mapped.indices where !ValueCharacterClasses.isLetter(v[i]) {
            let before = i > 0 && ValueCharacterClasses.isLetter(v[i - 1])
            let after = i + 1 < v.count && ValueCharacterClasses.isLetter(v[i + 1])
            if before && after, unleet(v[i]) != v[i] {
                mapped[i] = unleet(v[i])
                substituted[i] = true
            }
        }
        var letters = 0
        var wordy = 0
        var runStart = 0
        var runLength = 0
        func close() {
            let run = Array(mapped[runStart..<(runStart + runLength)])
            let substitutions = substituted[runStart..<(runStart + runLength)].filter { $0 }.count
            if runLength >= 4, substitutions <= 2, isWordLikeRun(run) { wordy += runLength }
            runLength = 0
        }
        for (i, b) in mapped.enumerated() {
            if ValueCharacterClasses.isLetter(b) {
                letters += 1
                // A lower-to-upper switch starts a new word (`SummerTime`).
                if runLength > 0, ValueCharacterClasses.isLower(mapped[i - 1]), ValueCharacterClasses.isUpper(b) { close() }
                if runLength == 0 { runStart = i }
                runLength += 1
            } else if runLength > 0 {
                close()
            }
        }
        if runLength > 0 { close() }
        // Share of the whole value, so a lone word-like run among digits (hex) does not dominate.
        return letters == 0 ? 0 : Double(wordy) / Double(v.count)
    }

    private static func isWordLikeRun(_ run: [UInt8]) -> Bool {
        guard WordShape.isPronounceable(run) else { return false }
        var vowels = 0
        var consonants = 0
        for b in run {
            if ValueCharacterClasses.isVowel(b) {
                vowels += 1
                consonants = 0
            } else {
                consonants += 1
                if consonants > 3 { return false }
            }
        }
        return Double(vowels) / Double(run.count) >= 0.25
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
