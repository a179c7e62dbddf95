import Foundation
import Testing
@testable import HushVault

@Suite("Passphrases and the bundled word list")
struct PassphraseTests {
    @Test("The word list has at least 7,776 distinct words, none a prefix of another")
    func wordList() {
        let words = WordList.eff
        #expect(words.count >= 7776)
        #expect(Set(words).count == words.count)
        let sorted = words.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(!b.hasPrefix(a), "\(a) is a prefix of \(b)") }
        // With "-" as separator: the first part of a hyphenated word is never a word, so splitting is unique.
        for word in words where word.contains("-") {
            #expect(!Set(words).contains(String(word.split(separator: "-")[0])), "\(word)")
        }
    }

    @Test("Passphrases decode back to their words with '-' and with no separator")
    func uniqueDecoding() throws {
        let words = Set(WordList.eff)
        for separator in ["-", ""] {
            let generator = try PassphraseGenerator(wordCount: 6, separator: separator)
            for _ in 0..<300 {
                let phrase = try #require(generator.generate().utf8String())
                #expect(Self.decodings(phrase, words: words, separator: separator, wordsLeft: 6) == 1, "\(phrase)")
            }
        }
    }

    /// Number of ways `text` splits into `wordsLeft` words joined by `separator`.
    static func decodings(_ text: Substring, words: Set<String>, separator: String, wordsLeft: Int) -> Int {
        if wordsLeft == 0 { return text.isEmpty ? 1 : 0 }
        var total = 0
        for length in 3...min(9, text.count) {
            let word = String(text.prefix(length))
            guard words.contains(word) else { continue }
            var rest = text.dropFirst(length)
            if wordsLeft > 1 {
                guard rest.hasPrefix(separator) else { continue }
                rest = rest.dropFirst(separator.count)
            }
            total += decodings(rest, words: words, separator: separator, wordsLeft: wordsLeft - 1)
        }
        return total
    }

    static func decodings(_ text: String, words: Set<String>, separator: String, wordsLeft: Int) -> Int {
        decodings(Substring(text), words: words, separator: separator, wordsLeft: wordsLeft)
    }

    @Test("Options: separator, capitalisation, one digit; entropy counts them")
    func options() throws {
        let generator = try PassphraseGenerator(wordCount: 5, separator: ".", capitalize: true, includeDigit: true)
        for _ in 0..<100 {
            let phrase = try #require(generator.generate().utf8String())
            let parts = phrase.split(separator: ".")
            #expect(parts.count == 5)
            #expect(parts.allSatisfy { $0.first?.isUppercase == true })
            #expect(phrase.filter(\.isNumber).count == 1)
        }
        #expect(abs(generator.entropyBits - (5 * log2(7776.0) + log2(50.0))) < 1e-9)
        #expect(abs(try PassphraseGenerator(wordCount: 6).entropyBits - 6 * log2(7776.0)) < 1e-9)
    }

    @Test("Separators with letters or digits are refused")
    func separators() {
        #expect(throws: GeneratorError.ambiguousSeparator("x")) { try PassphraseGenerator(wordCount: 4, separator: "x") }
        #expect(throws: GeneratorError.ambiguousSeparator("1")) { try PassphraseGenerator(wordCount: 4, separator: "1") }
        #expect(throws: GeneratorError.wordCountOutOfRange(0)) { try PassphraseGenerator(wordCount: 0) }
    }

    @Test("Word choice is uniform (chi-square over the first 6 dice bits, false-failure rate 1e-6)")
    func uniformWords() throws {
        let generator = try PassphraseGenerator(wordCount: 8, separator: " ")
        let index = Dictionary(uniqueKeysWithValues: WordList.eff.enumerated().map { ($0.element, $0.offset) })
        var buckets = [Int](repeating: 0, count: 64)
        for _ in 0..<2_000 {
            let phrase = try #require(generator.generate().utf8String())
            for word in phrase.split(separator: " ") { buckets[(index[String(word)] ?? 0) * 64 / 7776] += 1 }
        }
        #expect(ChiSquare.statistic(buckets) < ChiSquare.critical(degrees: 63))
    }
}
