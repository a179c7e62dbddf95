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
    private let wordBytes: [[UInt8]]

    /// Validates the request.
    package init(
        wordCount: Int, separator: String = "-", capitalize: Bool = false, includeDigit: Bool = false,
        words: [String] = WordList.eff
    ) throws(GeneratorError) {
        guard (1...64).contains(wordCount) else { throw .wordCountOutOfRange(wordCount) }
        guard !separator.contains(where: { $0.isLetter || $0.isNumber }) else { throw .ambiguousSeparator(separator) }
        guard !separator.unicodeScalars.contains(where: {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        }) else { throw .unprintableSeparator }
        self.wordCount = wordCount
        self.separator = separator
        self.capitalize = capitalize
        self.includeDigit = includeDigit
        self.words = words
        wordBytes = words.map { Array($0.utf8) }
    }

    /// One passphrase, assembled in guarded memory (the chosen word indexes too: they are the secret).
    package func generate<R: UniformRandomSource>(using random: inout R) -> SecretBytes {
        let chosen = SecretBytes(count: wordCount * 4)
        let separatorBytes = Array(separator.utf8)
        var digitPosition = -1
        var digit: UInt8 = 0
        var length = 0
        chosen.withUnsafeMutableBytes { indexes in
            let slots = indexes.bindMemory(to: UInt32.self)
            for slot in 0..<wordCount {
                slots[slot] = random.uniform(below: UInt32(wordBytes.count))
                length += wordBytes[Int(slots[slot])].count
            }
        }
        if includeDigit {
            digitPosition = Int(random.uniform(below: UInt32(wordCount)))
            digit = UInt8(ascii: "0") + UInt8(random.uniform(below: 10))
            length += 1
        }
        length += separatorBytes.count * (wordCount - 1)
        let phrase = SecretBytes(count: length)
        chosen.withUnsafeBytes { indexes in
            let slots = indexes.bindMemory(to: UInt32.self)
            phrase.withUnsafeMutableBytes { out in
                var offset = 0
                for slot in 0..<wordCount {
                    if slot > 0 { for byte in separatorBytes { out[offset] = byte; offset += 1 } }
                    let word = wordBytes[Int(slots[slot])]
                    for (position, byte) in word.enumerated() {
                        let lower = byte >= 0x61 && byte <= 0x7A
                        out[offset] = capitalize && position == 0 && lower ? byte - 0x20 : byte
                        offset += 1
                    }
                    if slot == digitPosition { out[offset] = digit; offset += 1 }
                }
            }
        }
        return phrase
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
