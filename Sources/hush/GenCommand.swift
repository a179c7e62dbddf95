import ArgumentParser
import Foundation
import HushVault

/// Generator flags shared by `hush gen` and `hush vault generate`.
struct GeneratorOptions: ParsableArguments {
    @Option(help: "Password length (default 24).")
    var length: Int?
    @Flag(help: "Use lower-case letters.") var lower = false
    @Flag(help: "Use upper-case letters.") var upper = false
    @Flag(help: "Use digits.") var digits = false
    @Flag(help: "Use symbols.") var symbols = false
    @Option(help: "Draw from exactly these characters (printable ASCII) instead of classes.")
    var charset: String?
    @Option(help: "Never use these characters.")
    var exclude: String?
    @Flag(help: "Leave out look-alikes: 0 O o 1 l I | ` ' \".")
    var noAmbiguous = false
    @Option(name: .customLong("for"), help: "Only characters that need no quoting or escaping in this context.")
    var safeFor: SafeFor?
    @Option(help: "Make a passphrase of N words from the EFF word list instead of a password.")
    var words: Int?
    @Option(help: "Passphrase separator (default \"-\"; may be empty; no letters or digits).")
    var separator: String?
    @Flag(help: "Capitalise each passphrase word.") var capitalize = false
    @Flag(help: "Append a random digit to one passphrase word.") var digit = false
    @Flag(help: "Accept a password or passphrase below \(Int(GeneratorOptions.entropyFloor)) bits of entropy.")
    var allowWeak = false

    /// Below this many bits a generated secret is refused unless --allow-weak.
    static let entropyFloor = 64.0

    /// The generator, refused when it would make secrets weaker than the floor.
    func validated() throws -> SecretGenerator {
        let generator = try CLIErrors.run { () throws(GeneratorError) in try SecretGenerator(request) }
        if !allowWeak, generator.entropyBits < Self.entropyFloor {
            try CLIErrors.run { () throws(GeneratorError) in
                throw GeneratorError.tooWeak(bits: generator.entropyBits, floor: Self.entropyFloor)
            }
        }
        return generator
    }

    var request: GeneratorRequest {
        var request = GeneratorRequest()
        request.length = length
        request.classes = [(lower, CharacterClass.lower), (upper, .upper), (digits, .digits), (symbols, .symbols)]
            .filter(\.0).map(\.1)
        request.charset = charset
        request.exclude = exclude
        request.noAmbiguous = noAmbiguous
        request.safeFor = safeFor
        request.words = words
        request.separator = separator
        request.capitalize = capitalize
        request.digit = digit
        return request
    }
}

extension SafeFor: ExpressibleByArgument {}

struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen", abstract: "Generate a password or passphrase (no vault needed).",
        discussion: "The entropy in bits goes to stderr; --quiet hides it. Every character is drawn with randombytes_uniform.")

    @OptionGroup var generator: GeneratorOptions
    @Option(help: "How many to generate, one per line.") var count = 1
    @Flag(name: [.short, .long], help: "Do not print the entropy to stderr.") var quiet = false

    func run() throws {
        guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000000") }
        let secretGenerator = try generator.validated()
        var remaining = count
        while remaining > 0 {
            let chunk = min(remaining, 4096)
            try Terminal.writeSecret(secretGenerator.generateLines(count: chunk), newline: false)
            remaining -= chunk
        }
        if !quiet { Terminal.note(String(format: "entropy: %.1f bits", secretGenerator.entropyBits)) }
    }
}
