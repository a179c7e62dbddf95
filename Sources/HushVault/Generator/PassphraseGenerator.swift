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
    private let separatorBytes: [UInt8]

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
        separatorBytes = Array(separator.utf8)
    }

    /// The longest passphrase this generator can make, in bytes.
    var maximumLength: Int {
        wordCount * (wordBytes.map(\.count).max() ?? 0) + separator.utf8.count * (wordCount - 1) + (includeDigit ? 1 : 0)
    }

    /// Writes one passphrase at the start of `out` (at least `maximumLength` bytes) and returns its length.
    /// Each word is copied as it is drawn: no list of chosen words or indexes exists outside `out`.
    func write<R: UniformRandomSource>(into out: UnsafeMutableRawBufferPointer, using random: inout R) -> Int {
        let digitPosition = includeDigit ? Int(random.uniform(below: UInt32(wordCount))) : -1
        let digit = includeDigit ? UInt8(ascii: "0") + UInt8(random.uniform(below: 10)) : 0
        var offset = 0
        for slot in 0..<wordCount {
            if slot > 0 { for byte in separatorBytes { out[offset] = byte; offset += 1 } }
            let word = wordBytes[Int(random.uniform(below: UInt32(wordBytes.count)))]
            for (position, byte) in word.enumerated() {
                let lower = byte >= 0x61 && byte <= 0x7A
                out[offset] = capitalize && position == 0 && lower ? byte - 0x20 : byte
                offset += 1
            }
            if slot == digitPosition { out[offset] = digit; offset += 1 }
        }
        return offset
    }

    /// One passphrase, assembled in guarded memory.
    package func generate<R: UniformRandomSource>(using random: inout R) -> SecretBytes {
        let scratch = SecretBytes(count: maximumLength)
        let length = scratch.withUnsafeMutableBytes { write(into: $0, using: &random) }
        return scratch.slice(0..<length)
    }

    /// `count` passphrases, one per line, written straight into one guarded allocation.
    package func generateLines(count: Int) -> SecretBytes {
        var random = SystemRandomSource()
        let lines = SecretBytes(count: count * (maximumLength + 1))
        let used = lines.withUnsafeMutableBytes { out -> Int in
            var offset = 0
            for _ in 0..<count {
                offset += write(into: UnsafeMutableRawBufferPointer(rebasing: out[offset...]), using: &random)
                out[offset] = UInt8(ascii: "\n")
                offset += 1
            }
            return offset
        }
        return lines.slice(0..<used)
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
