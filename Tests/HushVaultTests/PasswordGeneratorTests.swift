import Foundation
import Testing
@testable import HushVault

/// A deliberately broken source (modulo bias from a byte), to show the uniformity test catches bias.
struct ModuloBiasedSource: UniformRandomSource {
    var system = SystemRandomSource()
    mutating func uniform(below upperBound: UInt32) -> UInt32 {
        system.uniform(below: 256) % upperBound
    }
}

/// Chi-square goodness of fit against the uniform distribution.
enum ChiSquare {
    /// The statistic for `counts` when each bucket expects `total / counts.count`.
    static func statistic(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
    }

    /// Upper critical value for `degrees` degrees of freedom at a false-failure rate of 1e-6
    /// (Wilson–Hilferty; z = 4.7534 is the standard normal 1 − 1e-6 quantile).
    static func critical(degrees: Int) -> Double {
        let k = Double(degrees), z = 4.7534
        return k * pow(1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot(), 3)
    }
}

@Suite("Password generator")
struct PasswordGeneratorTests {
    @Test("Default: 24 characters with at least one of each class")
    func defaults() throws {
        let generator = try PasswordGenerator(policy: PasswordPolicy())
        for _ in 0..<200 {
            let password = generator.generate().unprotectedBytes()
            #expect(password.count == 24)
            for characterClass in CharacterClass.allCases {
                #expect(password.contains(where: characterClass.characters.contains), "missing \(characterClass)")
            }
        }
    }

    @Test("Classes, --exclude and --no-ambiguous restrict the alphabet")
    func restrictions() throws {
        let generator = try PasswordGenerator(
            policy: PasswordPolicy(length: 64, classes: [.lower, .digits], exclude: "abc", noAmbiguous: true))
        let allowed = Set(CharacterClass.lower.characters + CharacterClass.digits.characters)
            .subtracting(Array("abc".utf8)).subtracting(CharacterClass.ambiguous)
        #expect(Set(generator.alphabet) == allowed)
        for _ in 0..<100 {
            #expect(generator.generate().unprotectedBytes().allSatisfy(allowed.contains))
        }
    }

    @Test("Invalid requests are refused with a reason")
    func invalid() {
        #expect(throws: GeneratorError.lengthOutOfRange(0)) { try PasswordGenerator(policy: PasswordPolicy(length: 0)) }
        #expect(throws: GeneratorError.lengthTooShortForClasses(length: 3, classes: 4)) {
            try PasswordGenerator(policy: PasswordPolicy(length: 3))
        }
        #expect(throws: GeneratorError.emptyClass("digits")) {
            try PasswordGenerator(policy: PasswordPolicy(classes: [.digits], exclude: "0123456789"))
        }
        #expect(throws: GeneratorError.unsupportedCharacter("U+E9")) {
            try PasswordGenerator(policy: PasswordPolicy(charset: "abcé"))
        }
        #expect(throws: GeneratorError.presetNeedsLength(preset: "yaml", minimum: 6)) {
            try PasswordGenerator(policy: PasswordPolicy(length: 5, safeFor: .yaml))
        }
        #expect(throws: GeneratorError.self) { try SecretGenerator({ var r = GeneratorRequest(); r.words = 5; r.length = 9; return r }()) }
    }

    @Test("Entropy is the per-class lower bound", arguments: [8, 24, 40])
    func entropy(length: Int) throws {
        let generator = try PasswordGenerator(policy: PasswordPolicy(length: length))
        let expected = log2(26.0) * 2 + log2(10.0) + log2(32.0) + Double(length - 4) * log2(94.0)
        #expect(abs(generator.entropyBits - expected) < 1e-9)
        let charset = try PasswordGenerator(policy: PasswordPolicy(length: length, charset: "abcdefgh"))
        #expect(abs(charset.entropyBits - Double(length) * 3) < 1e-9)
    }

    @Test("Each character of an explicit charset is uniform (chi-square, false-failure rate 1e-6)")
    func uniformCharacters() throws {
        let generator = try PasswordGenerator(policy: PasswordPolicy(length: 100, safeFor: nil))
        let charset = try PasswordGenerator(policy: PasswordPolicy(length: 100, charset: String(decoding: generator.alphabet, as: UTF8.self)))
        var random = SystemRandomSource()
        var counts = [UInt8: Int]()
        for _ in 0..<400 { for byte in charset.generate(using: &random).unprotectedBytes() { counts[byte, default: 0] += 1 } }
        let buckets = charset.alphabet.map { counts[$0, default: 0] }
        #expect(ChiSquare.statistic(buckets) < ChiSquare.critical(degrees: buckets.count - 1))
    }

    @Test("The same test rejects a modulo-biased source")
    func detectsBias() throws {
        let charset = try PasswordGenerator(policy: PasswordPolicy(length: 100, charset: String(decoding: CharacterClass.lower.characters + CharacterClass.upper.characters + CharacterClass.digits.characters + Array("-_.~!@#$%^&*()+=[]{}<>?/|".utf8), as: UTF8.self)))
        var biased = ModuloBiasedSource()
        var counts = [UInt8: Int]()
        for _ in 0..<400 { for byte in charset.generate(using: &biased).unprotectedBytes() { counts[byte, default: 0] += 1 } }
        let buckets = charset.alphabet.map { counts[$0, default: 0] }
        #expect(ChiSquare.statistic(buckets) > ChiSquare.critical(degrees: buckets.count - 1))
    }

    @Test("The shuffle puts the guaranteed character anywhere (chi-square over positions)")
    func uniformPositions() throws {
        // The digit class is reduced to "7"; by symmetry of a uniform shuffle every position holds it equally often.
        let generator = try PasswordGenerator(policy: PasswordPolicy(length: 8, classes: [.lower, .digits], exclude: "012345689"))
        var random = SystemRandomSource()
        var positions = [Int](repeating: 0, count: 8)
        for _ in 0..<8_000 {
            let bytes = generator.generate(using: &random).unprotectedBytes()
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "7") { positions[index] += 1 }
        }
        #expect(ChiSquare.statistic(positions) < ChiSquare.critical(degrees: 7))
    }
}

@Suite("Bulk generation")
struct BulkGenerationTests {
    @Test("generateLines gives count well-formed secrets, one per line")
    func lines() throws {
        var request = GeneratorRequest()
        request.safeFor = .yaml
        request.length = 12
        let passwords = try SecretGenerator(request).generateLines(count: 500).utf8String() ?? ""
        let lines = passwords.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 501 && lines.last == "")
        #expect(lines.dropLast().allSatisfy { $0.count == 12 && $0.first?.isLetter == true })
        var phrases = GeneratorRequest()
        phrases.words = 3
        let text = try SecretGenerator(phrases).generateLines(count: 20).utf8String() ?? ""
        #expect(text.split(separator: "\n").count == 20)
        #expect(text.split(separator: "\n").allSatisfy { $0.split(separator: "-").count >= 3 })
    }
}
