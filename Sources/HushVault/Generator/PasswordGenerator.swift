import Foundation

/// Generates passwords: one character of each required class, the rest from the whole alphabet,
/// then a uniform Fisher–Yates shuffle so the required characters sit anywhere. Every draw is
/// `randombytes_uniform`, so there is no modulo bias.
package struct PasswordGenerator: Sendable {
    /// The characters every password draws from, in a fixed order.
    package let alphabet: [UInt8]
    /// Groups that each contribute one guaranteed character.
    package let requiredGroups: [[UInt8]]
    /// The password length.
    package let length: Int
    /// Whether the first character must be a letter (redrawn until it is).
    package let requiresLeadingLetter: Bool

    /// Validates `policy` and fixes the alphabet.
    package init(policy: PasswordPolicy) throws(GeneratorError) {
        guard (1...4096).contains(policy.length) else { throw .lengthOutOfRange(policy.length) }
        var removed = Set(policy.exclude.utf8)
        if policy.noAmbiguous { removed.formUnion(CharacterClass.ambiguous) }
        let keep: ([UInt8]) -> [UInt8] = { $0.filter { !removed.contains($0) } }

        if let charset = policy.charset {
            guard policy.safeFor == nil else { throw .conflictingOptions("--charset cannot be combined with --for") }
            guard policy.classes.isEmpty else {
                throw .conflictingOptions("--charset cannot be combined with --lower/--upper/--digits/--symbols")
            }
            for scalar in charset.unicodeScalars where !(0x21...0x7E).contains(scalar.value) {
                throw .unsupportedCharacter("U+\(String(scalar.value, radix: 16, uppercase: true))")
            }
            var seen = Set<UInt8>()
            alphabet = keep(Array(charset.utf8)).filter { seen.insert($0).inserted }
            requiredGroups = []
            requiresLeadingLetter = false
        } else {
            let classes = policy.classes.isEmpty ? CharacterClass.allCases : policy.classes
            let allowed = policy.safeFor.map { Set($0.charset) }
            var groups: [[UInt8]] = []
            for characterClass in CharacterClass.allCases where classes.contains(characterClass) {
                var members = keep(characterClass.characters)
                if let allowed { members = members.filter(allowed.contains) }
                // A preset without symbols simply has no symbol class; an exclusion that empties a class is an error.
                if members.isEmpty {
                    if let allowed, !characterClass.characters.contains(where: allowed.contains) { continue }
                    throw .emptyClass(characterClass.rawValue)
                }
                groups.append(members)
            }
            requiredGroups = groups
            alphabet = groups.flatMap { $0 }
            requiresLeadingLetter = policy.safeFor?.requiresLeadingLetter ?? false
            if let preset = policy.safeFor, policy.length < preset.minimumLength {
                throw .presetNeedsLength(preset: preset.rawValue, minimum: preset.minimumLength)
            }
        }
        guard !alphabet.isEmpty else { throw .emptyCharset }
        if requiresLeadingLetter, !alphabet.contains(where: CharacterClass.isLetter) { throw .emptyCharset }
        guard policy.length >= requiredGroups.count else {
            throw .lengthTooShortForClasses(length: policy.length, classes: requiredGroups.count)
        }
        length = policy.length
    }

    /// One password, in guarded memory.
    package func generate<R: UniformRandomSource>(using random: inout R) -> SecretBytes {
        let password = SecretBytes(count: length)
        password.withUnsafeMutableBytes { fill($0, using: &random) }
        return password
    }

    /// `count` passwords, each followed by a newline, in one guarded allocation (for bulk output).
    package func generateLines(count: Int) -> SecretBytes {
        var random = SystemRandomSource()
        let lines = SecretBytes(count: count * (length + 1))
        lines.withUnsafeMutableBytes { out in
            for index in 0..<count {
                let start = index * (length + 1)
                fill(UnsafeMutableRawBufferPointer(rebasing: out[start..<(start + length)]), using: &random)
                out[start + length] = UInt8(ascii: "\n")
            }
        }
        return lines
    }

    private func fill<R: UniformRandomSource>(_ out: UnsafeMutableRawBufferPointer, using random: inout R) {
        repeat {
            for (index, group) in requiredGroups.enumerated() {
                out[index] = group[Int(random.uniform(below: UInt32(group.count)))]
            }
            for index in requiredGroups.count..<length {
                out[index] = alphabet[Int(random.uniform(below: UInt32(alphabet.count)))]
            }
            var index = length - 1
            while index > 0 {
                let other = Int(random.uniform(below: UInt32(index + 1)))
                out.swapAt(index, other)
                index -= 1
            }
        } while requiresLeadingLetter && !CharacterClass.isLetter(out[0])
    }

    /// One password from the system CSPRNG.
    package func generate() -> SecretBytes {
        var random = SystemRandomSource()
        return generate(using: &random)
    }

    /// A guaranteed lower bound on the min-entropy of one password, in bits.
    ///
    /// No output is likelier than `Π 1/|group| × (1/|alphabet|)^(length − groups)` (the shuffle only
    /// spreads probability), and rejecting a non-letter first character divides by P(letter first).
    package var entropyBits: Double {
        let free = length - requiredGroups.count
        var bits = requiredGroups.reduce(0) { $0 + log2(Double($1.count)) } + Double(free) * log2(Double(alphabet.count))
        if requiresLeadingLetter {
            let letterShare: ([UInt8]) -> Double = { group in
                Double(group.filter(CharacterClass.isLetter).count) / Double(group.count)
            }
            let expectedLetters = requiredGroups.reduce(0) { $0 + letterShare($1) } + Double(free) * letterShare(alphabet)
            bits += log2(expectedLetters / Double(length))
        }
        return bits
    }
}
