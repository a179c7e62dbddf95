import Foundation

/// A byte count written the way people write it: `1048576`, `25MB`, `25 MiB`, `1GiB`, `512k`.
///
/// Decimal units (`k`/`KB`, `M`/`MB`, `G`/`GB`) are powers of 1000; binary units (`KiB`, `MiB`,
/// `GiB`) are powers of 1024. Units are case-insensitive.
package struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    package var bytes: Int

    package init(bytes: Int) {
        self.bytes = bytes
    }

    /// Parses `text`; nil when it is not a non-negative whole number with an optional known unit.
    package init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let count = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Int] = [
            "": 1, "b": 1,
            "k": 1_000, "kb": 1_000, "kib": 1 << 10,
            "m": 1_000_000, "mb": 1_000_000, "mib": 1 << 20,
            "g": 1_000_000_000, "gb": 1_000_000_000, "gib": 1 << 30,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        bytes = product
    }

    /// The size in the largest binary unit that divides it evenly, e.g. "25 MiB".
    package var description: String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
