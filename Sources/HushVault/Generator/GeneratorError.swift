import Foundation

/// Why a password or passphrase request cannot be met.
package enum GeneratorError: Error, Equatable, LocalizedError {
    /// Length outside 1...4096.
    case lengthOutOfRange(Int)
    /// Fewer characters than classes that each need one.
    case lengthTooShortForClasses(length: Int, classes: Int)
    /// A chosen class has nothing left after exclusions.
    case emptyClass(String)
    /// The alphabet is empty.
    case emptyCharset
    /// `--charset` holds a character outside printable ASCII.
    case unsupportedCharacter(String)
    /// Two options that cannot be combined.
    case conflictingOptions(String)
    /// Word count outside 1...64.
    case wordCountOutOfRange(Int)
    /// A separator that would make passphrases ambiguous.
    case ambiguousSeparator(String)
    /// The request gives fewer bits of entropy than the floor.
    case tooWeak(bits: Double, floor: Double)
    /// A separator with a control or invisible character.
    case unprintableSeparator
    /// A preset needs a longer password.
    case presetNeedsLength(preset: String, minimum: Int)

    package var errorDescription: String? {
        switch self {
        case let .lengthOutOfRange(n): "length \(n) is out of range (1...4096)"
        case let .lengthTooShortForClasses(length, classes):
            "length \(length) cannot hold one character of each of the \(classes) chosen classes"
        case let .emptyClass(name): "the \(name) class has no characters left after the exclusions"
        case .emptyCharset: "no characters left to draw from"
        case let .unsupportedCharacter(description):
            "--charset takes printable ASCII only (no spaces); found \(description)"
        case let .conflictingOptions(what): what
        case let .wordCountOutOfRange(n): "word count \(n) is out of range (1...64)"
        case let .ambiguousSeparator(separator):
            "separator \"\(separator)\" contains letters or digits, which would make passphrases ambiguous"
        case let .tooWeak(bits, floor):
            String(format: "that gives only %.1f bits of entropy (at least %.0f wanted): use a longer length, more classes "
                + "or more words, or --allow-weak to accept it", bits, floor)
        case .unprintableSeparator: "the separator must be printable: no control, format or line-break characters"
        case let .presetNeedsLength(preset, minimum):
            "--for \(preset) needs a length of at least \(minimum)"
        }
    }
}
