/// The bundled passphrase word list, embedded in the binary (no resource files beside it).
package enum WordList {
    /// The EFF large list: 7,776 distinct lower-case words (four contain a hyphen), none a prefix of another.
    package static let eff: [String] = effLargeSource.split(separator: "\n").map(String.init)
}
