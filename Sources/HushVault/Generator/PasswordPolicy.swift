/// What a generated password must look like.
package struct PasswordPolicy: Sendable, Equatable {
    /// Number of characters (default 24).
    package var length: Int
    /// Classes to draw from, each guaranteed at least once; empty means all four (or all the preset has).
    package var classes: [CharacterClass]
    /// An explicit alphabet instead of classes (no guarantees per class).
    package var charset: String?
    /// Characters never to use.
    package var exclude: String
    /// Leave out look-alike characters (`0 O o 1 l I | ` ' "`).
    package var noAmbiguous: Bool
    /// A "safe for" preset that narrows the alphabet.
    package var safeFor: SafeFor?

    /// A policy; the defaults give 24 characters from all four classes.
    package init(
        length: Int = 24, classes: [CharacterClass] = [], charset: String? = nil, exclude: String = "",
        noAmbiguous: Bool = false, safeFor: SafeFor? = nil
    ) {
        self.length = length
        self.classes = classes
        self.charset = charset
        self.exclude = exclude
        self.noAmbiguous = noAmbiguous
        self.safeFor = safeFor
    }
}
