/// A run of encoded text in a buffer and the bytes it decodes to.
public struct EncodedSpan: Sendable, Hashable {
    /// The encodings this finder undoes, as transforms.
    public typealias Encoding = Transform

    /// Byte offsets of the encoded text in the scanned buffer.
    public var range: Range<Int>
    public var decoded: [UInt8]
    public var encoding: Encoding
    /// Whether the decoded bytes are a DER structure (a key or certificate) rather than text; the
    /// caller may wrap them as PEM instead of rescanning them as text.
    public var isDER: Bool

    public init(range: Range<Int>, decoded: [UInt8], encoding: Encoding, isDER: Bool = false) {
        self.range = range
        self.decoded = decoded
        self.encoding = encoding
        self.isDER = isDER
    }
}

/// How many decoded bytes one blob's decoding may produce, across every level of recursion. Pass the
/// same budget down the levels so a decode bomb (base64 inside base64 inside ...) runs dry.
public struct DecodeBudget: Sendable, Hashable {
    public var remainingBytes: Int

    /// A budget of `bytes` decoded bytes (16 MiB by default).
    public init(bytes: Int = 16 << 20) {
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
public struct DecodedLayer: Sendable, Hashable {
    /// Byte offsets, in the original buffer, of the outermost encoded text this layer came from.
    public var rootRange: Range<Int>
    /// The decodings applied, outermost first (the shape of `Origin.transforms`).
    public var encodings: [EncodedSpan.Encoding]
    public var bytes: [UInt8]
    public var isDER: Bool
}
