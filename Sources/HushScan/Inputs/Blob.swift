/// Where a blob's bytes came from.
public struct Origin: Sendable, Hashable, Codable {
    /// The path as the user wrote it (relative stays relative), or the inner path of a layer or commit.
    public var path: String
    /// The git commit the blob was first seen in, for history scans.
    public var commit: String?
    /// The image layer digest, for image scans.
    public var layer: String?
    /// The decodings that revealed this blob (`base64`, `k8s-secret-data`, ...), outermost first.
    public var decodedBy: [String]

    public init(path: String, commit: String? = nil, layer: String? = nil, decodedBy: [String] = []) {
        self.path = path
        self.commit = commit
        self.layer = layer
        self.decodedBy = decodedBy
    }
}

/// A run of bytes to scan, with where it came from.
public struct Blob: Sendable {
    public var bytes: [UInt8]
    public var origin: Origin

    public init(bytes: [UInt8], origin: Origin) {
        self.bytes = bytes
        self.origin = origin
    }
}
