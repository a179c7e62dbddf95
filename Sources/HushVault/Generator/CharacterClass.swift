/// The four character classes a password can be asked to contain.
package enum CharacterClass: String, CaseIterable, Sendable {
    case lower, upper, digits, symbols

    /// The class's ASCII characters.
    package var characters: [UInt8] {
        switch self {
        case .lower: Array("abcdefghijklmnopqrstuvwxyz".utf8)
        case .upper: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        case .digits: Array("0123456789".utf8)
        case .symbols: Array(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##.utf8)
        }
    }

    /// Characters people confuse when reading or typing a password (`--no-ambiguous` removes them).
    package static let ambiguous: [UInt8] = Array("0Oo1lI|`'\"".utf8)

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
