/// Secret bytes (keys, passwords, decrypted values) kept in guarded, locked memory and zeroed when released.
///
/// A final class rather than a struct so that a secret is never silently copied into ordinary memory:
/// every copy is explicit (`copy()`), and the one allocation is wiped in `deinit`.
package final class SecretBytes {
    private let buffer: UnsafeMutableRawBufferPointer

    /// Allocates `count` zero bytes.
    package init(count: Int) {
        buffer = Sodium.secureAllocate(byteCount: count)
        Sodium.zero(buffer)
    }

    /// Copies `bytes` into guarded memory; callers wipe their own copy when they can.
    package convenience init(bytes: some Collection<UInt8>) {
        self.init(count: bytes.count)
        var index = 0
        for byte in bytes {
            buffer[index] = byte
            index += 1
        }
    }

    /// Copies a string's UTF-8 bytes into guarded memory.
    package convenience init(utf8 string: String) {
        self.init(bytes: string.utf8)
    }

    /// `count` bytes from the system CSPRNG.
    package static func random(count: Int) -> SecretBytes {
        let secret = SecretBytes(count: count)
        Sodium.fillRandom(secret.buffer)
        return secret
    }

    deinit {
        Sodium.secureFree(buffer)
    }

    /// The number of secret bytes.
    package var count: Int { buffer.count }

    /// Whether there are no bytes at all.
    package var isEmpty: Bool { buffer.isEmpty }

    /// Reads the bytes in place; the pointer must not escape the closure.
    package func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(buffer))
    }

    /// Writes the bytes in place; the pointer must not escape the closure.
    package func withUnsafeMutableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(buffer)
    }

    /// A separate secret holding the same bytes.
    package func copy() -> SecretBytes {
        SecretBytes(bytes: UnsafeRawBufferPointer(buffer))
    }

    /// A secret holding `range` of these bytes.
    package func slice(_ range: Range<Int>) -> SecretBytes {
        SecretBytes(bytes: UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// Compares in constant time, so a timing side channel does not reveal where two secrets differ.
    package func constantTimeEquals(_ other: SecretBytes) -> Bool {
        withUnsafeBytes { a in other.withUnsafeBytes { b in Sodium.constantTimeEqual(a, b) } }
    }

    /// Decodes the bytes as UTF-8 into an ordinary String (leaves guarded memory: use for display only).
    package func utf8String() -> String? {
        withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
    }

    /// Copies the bytes into an ordinary array (leaves guarded memory: for ciphertext or test use).
    package func unprotectedBytes() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}
