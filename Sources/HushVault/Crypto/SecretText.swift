/// Output text that holds secrets (a manifest, an env file), assembled in guarded memory: the buffer
/// grows by doubling into a new guarded allocation (the old one is wiped when released), so no part of
/// a value ever sits in an ordinary String, Data or array.
package struct SecretText {
    private(set) var storage: SecretBytes
    /// Bytes written so far.
    package private(set) var count = 0

    /// An empty text with room for `capacity` bytes.
    package init(capacity: Int = 4096) {
        storage = SecretBytes(count: max(capacity, 64))
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > storage.count else { return }
        var size = storage.count
        while size < count + extra { size *= 2 }
        let bigger = SecretBytes(count: size)
        let used = count
        bigger.withUnsafeMutableBytes { target in
            storage.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: target[..<used]).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<used]))
            }
        }
        storage = bigger
    }

    /// Appends one byte.
    package mutating func append(byte: UInt8) {
        reserve(1)
        let at = count
        storage.withUnsafeMutableBytes { $0[at] = byte }
        count += 1
    }

    /// Appends text that is not secret (keys, YAML punctuation).
    package mutating func append(_ text: String) {
        for byte in text.utf8 { append(byte: byte) }
    }

    /// Appends bytes read in place from guarded memory.
    package mutating func append(bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        let at = count
        storage.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[at..<(at + bytes.count)]).copyMemory(from: bytes)
        }
        count += bytes.count
    }

    /// Appends the standard base64 (with padding) of `secret`, encoded in place.
    package mutating func appendBase64(of secret: SecretBytes) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let length = (secret.count + 2) / 3 * 4
        reserve(length)
        let at = count
        storage.withUnsafeMutableBytes { out in
            secret.withUnsafeBytes { input in
                var o = at
                var i = 0
                while i + 3 <= input.count {
                    let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    out[o] = alphabet[Int(n >> 18)]; out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = alphabet[Int(n >> 6 & 63)]; out[o + 3] = alphabet[Int(n & 63)]
                    i += 3
                    o += 4
                }
                let rest = input.count - i
                if rest > 0 {
                    let n = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                    out[o] = alphabet[Int(n >> 18)]; out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "=")
                    out[o + 3] = UInt8(ascii: "=")
                }
            }
        }
        count += length
    }

    /// Reads the text in place.
    package func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let used = count
        return try storage.withUnsafeBytes { (all) throws(E) -> R in try body(UnsafeRawBufferPointer(rebasing: all[..<used])) }
    }

    /// The text as its own secret (exactly `count` bytes).
    package func bytes() -> SecretBytes {
        storage.slice(0..<count)
    }
}

extension SecretText {
    /// The text as an ordinary String (leaves guarded memory: for tests and non-secret output only).
    package func unprotectedString() -> String? {
        withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
    }
}
