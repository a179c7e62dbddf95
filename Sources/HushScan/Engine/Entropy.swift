import Foundation

/// Shannon entropy, the measure behind `min_entropy` gates.
enum Entropy {
    /// Bits per byte of `bytes` (for the ASCII secrets rules capture, bits per character): 0 for one
    /// repeated byte, up to log2(alphabet size) for uniformly random text.
    static func bitsPerByte(_ bytes: some Collection<UInt8>) -> Double {
        let total = bytes.count
        guard total > 1 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for byte in bytes { counts[Int(byte)] += 1 }
            var entropy = 0.0
            let n = Double(total)
            for count in counts where count > 0 {
                let p = Double(count) / n
                entropy -= p * log2(p)
            }
            return entropy
        }
    }
}
