#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes secrets to a file descriptor straight from guarded memory: no Data, no String, no stdio buffer.
package enum SecretOutput {
    /// Writes every byte of `bytes` to `descriptor`, retrying short writes and EINTR.
    package static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(VaultError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base, remaining)
            #else
            let written = Darwin.write(descriptor, base, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: descriptor == 1 ? "standard output" : "file descriptor \(descriptor)",
                          message: "write failed: \(String(cString: strerror(errno)))")
            }
            remaining -= written
            base += written
        }
    }

    /// Writes a secret to `descriptor`.
    package static func write(_ secret: SecretBytes, to descriptor: Int32) throws(VaultError) {
        try secret.withUnsafeBytes { (bytes) throws(VaultError) in try write(bytes, to: descriptor) }
    }

    /// Writes assembled secret text to `descriptor`.
    package static func write(_ text: SecretText, to descriptor: Int32) throws(VaultError) {
        try text.withUnsafeBytes { (bytes) throws(VaultError) in try write(bytes, to: descriptor) }
    }
}
