import Foundation

/// A path as the operating system sees it: raw bytes, because file names need not be valid UTF-8.
package struct NativePath: Sendable, Hashable, CustomStringConvertible {
    /// The path's bytes, without a terminating NUL.
    package var bytes: [UInt8]

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    package init(_ string: String) {
        bytes = Array(string.utf8)
    }

    /// This path joined with one more component.
    package func appending(component: [UInt8]) -> NativePath {
        var joined = bytes
        if joined.last != UInt8(ascii: "/") { joined.append(UInt8(ascii: "/")) }
        joined.append(contentsOf: component)
        return NativePath(bytes: joined)
    }

    /// The path for people: invalid UTF-8 shows as U+FFFD.
    package var description: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    package func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // A buffer built from `bytes + [0]` always has at least one element.
                body(chars.baseAddress!)
            }
        }
    }
}
