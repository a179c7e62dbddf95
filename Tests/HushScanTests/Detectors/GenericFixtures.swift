/// Synthetic values for the detection suites: deterministic pseudo-random strings with the shape of
/// generated tokens. None of them is, or was ever, a credential.
enum DetectFixtures {
    /// SplitMix64: small, deterministic, good enough to make strings that look generated.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func string(_ length: Int, from alphabet: String) -> String {
            let chars = Array(alphabet)
            return String((0..<length).map { _ in chars[Int(next() % UInt64(chars.count))] })
        }

        mutating func bytes(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
    }

    static let alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let lowerHex = "0123456789abcdef"
    static let base64 = alphanumeric + "+/"
    static let symbols = alphanumeric + "!#%^*-_+=~"

    /// A random-looking string of `length` characters from `alphabet`, fixed by `seed`.
    static func random(_ length: Int, _ alphabet: String = alphanumeric, seed: UInt64) -> String {
        var g = Generator(state: seed)
        return g.string(length, from: alphabet)
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var g = Generator(state: seed)
        return g.bytes(count)
    }
}
