import Foundation

/// Generates passphrases from the bundled EFF word list.
///
/// Every choice is uniform and decodes uniquely (no word is a prefix of another, and separators may not
/// contain letters or digits), so the entropy below is exact.
package struct PassphraseGenerator: Sendable {
    /// Number of words.
    package let wordCount: Int
    /// What goes between words (may be empty).
    package let separator: String
    /// Capitalise the first letter of every word.
    package let capitalize: Bool
    /// Append one random digit to one randomly chosen word.
    package let includeDigit: Bool
    /// The words to draw from.
    package let words: [String]

    /// Validates the request.
    package init(
        wordCount: Int, separator: String = "-", capitalize: Bool = false, includeDigit: Bool = false,
        words: [String] = WordList.eff
    ) throws(GeneratorError) {
        guard (1...64).contains(wordCount) else { throw .wordCountOutOfRange(wordCount) }
        guard !separator.contains(where: { $0.isLetter || $0.isNumber }) else { throw .ambiguousSeparator(separator) }
        self.wordCount = wordCount
        self.separator = separator
        self.capitalize = capitalize
        self.includeDigit = includeDigit
        self.words = words
    }

    /// One passphrase, in guarded memory.
    package func generate<R: UniformRandomSource>(using random: inout R) -> SecretBytes {
        var chosen: [String] = (0..<wordCount).map { _ in words[Int(random.uniform(below: UInt32(words.count)))] }
        if capitalize { chosen = chosen.map { $0.prefix(1).uppercased() + $0.dropFirst() } }
        if includeDigit {
            let position = Int(random.uniform(below: UInt32(wordCount)))
            chosen[position] += String(random.uniform(below: 10))
        }
        return SecretBytes(utf8: chosen.joined(separator: separator))
    }

    /// One passphrase from the system CSPRNG.
    package func generate() -> SecretBytes {
        var random = SystemRandomSource()
        return generate(using: &random)
    }

    /// The exact entropy of one passphrase in bits.
    package var entropyBits: Double {
        Double(wordCount) * log2(Double(words.count)) + (includeDigit ? log2(10 * Double(wordCount)) : 0)
    }
}
