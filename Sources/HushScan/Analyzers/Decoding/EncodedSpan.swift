/// A run of encoded text in a buffer and the bytes it decodes to.
package struct EncodedSpan: Sendable, Hashable {
    /// The encodings this finder undoes, as transforms.
    package typealias Encoding = Transform

    /// Byte offsets of the encoded text in the scanned buffer.
    package var range: Range<Int>
    package var decoded: [UInt8]
    package var encoding: Encoding
    /// Whether the decoded bytes are a DER structure (a key or certificate) rather than text; the
    /// caller may wrap them as PEM instead of rescanning them as text.
    package var isDER: Bool

    package init(range: Range<Int>, decoded: [UInt8], encoding: Encoding, isDER: Bool = false) {
        self.range = range
        self.decoded = decoded
        self.encoding = encoding
        self.isDER = isDER
    }
}

/// How many decoded bytes one blob's decoding may produce, across every level of recursion. Pass the
/// same budget down the levels so a decode bomb (base64 inside base64 inside ...) runs dry.
package struct DecodeBudget: Sendable, Hashable {
    package var remainingBytes: Int

    /// A budget of `bytes` decoded bytes (16 MiB by default).
    package init(bytes: Int = 16 << 20) {
        remainingBytes = bytes
    }

    /// Takes `count` bytes from the budget if it has them.
    mutating func spend(_ count: Int) -> Bool {
        guard count <= remainingBytes else { return false }
        remainingBytes -= count
        return true
    }
}

/// Text revealed by undoing one or more encodings, with where its outermost encoding sat.
package struct DecodedLayer: Sendable, Hashable {
    /// Byte offsets, in the original buffer, of the outermost encoded text this layer came from.
    package var rootRange: Range<Int>
    /// The decodings applied, outermost first (the shape of `Origin.transforms`).
    package var encodings: [EncodedSpan.Encoding]
    package var bytes: [UInt8]
    package var isDER: Bool
}
