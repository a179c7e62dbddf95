/// A source of uniform random integers; the generators take one so tests can swap in a biased source
/// and show the statistical tests would catch it.
package protocol UniformRandomSource {
    /// A uniform value in `0..<upperBound` (upperBound > 0).
    mutating func uniform(below upperBound: UInt32) -> UInt32
}

/// libsodium's `randombytes_uniform`: the system CSPRNG, with no modulo bias.
package struct SystemRandomSource: UniformRandomSource {
    /// The system CSPRNG.
    package init() {}

    package mutating func uniform(below upperBound: UInt32) -> UInt32 {
        Sodium.uniform(below: upperBound)
    }
}
