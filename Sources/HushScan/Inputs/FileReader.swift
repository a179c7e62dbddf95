import Foundation

/// Reads one file at a time for scanning: small files with `read(2)` into a buffer reused from file
/// to file, large ones through a private read-only mapping (measured faster each way; see DESIGN.md).
///
/// Never blocks and never follows a link: files are opened `O_NONBLOCK | O_NOFOLLOW` and checked
/// with `fstat` to be regular before a byte is read. Not thread-safe: one per worker.
package final class FileReader {
    /// What became of one file.
    package enum Outcome<Value> {
        /// The bytes were read and handed to the body, which returned `value`.
        case read(Value, byteCount: Int)
        case skipped(SkipReason)
        /// Binary or too large to scan as text, but its first bytes say image or archive: the
        /// scan opens it as one (`ImageSource`).
        case archive(ArchiveKind)
        /// The file could not be read; the reason is the system's message.
        case failed(String)
    }

    /// Bytes inspected for a NUL to call a file binary.
    package static let binaryProbeLength = 8192

    private let maxFileSize: Int
    private let mapThreshold: Int
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int

    /// - Parameters:
    ///   - maxFileSize: files larger than this are skipped (`too-large`).
    ///   - mapThreshold: files larger than this are mapped instead of read.
    package init(maxFileSize: Int, mapThreshold: Int = 1 << 20) {
        self.maxFileSize = maxFileSize
        self.mapThreshold = mapThreshold
        capacity = 64 * 1024
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Opens the file at `path`, and calls `body` with its bytes unless it is skipped or unreadable.
    /// The bytes are only valid inside `body`.
    package func withContents<Value>(
        ofFileAt path: NativePath, _ body: (UnsafeRawBufferPointer) -> Value
    ) -> Outcome<Value> {
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) }
        guard fd >= 0 else { return .failed(FileTree.errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(FileTree.errnoText()) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .skipped(.specialFile) }
        let size = Int(info.st_size)
        guard size <= maxFileSize else {
            // An image is usually far larger than any text file: its first bytes tell.
            return Self.prefix(of: fd, count: ArchiveKind.probeLength).flatMap(ArchiveKind.of).map { .archive($0) } ?? .skipped(.tooLarge)
        }
        if size > mapThreshold {
            return withMappedContents(of: fd, size: size, body)
        }
        return withReadContents(of: fd, expectedSize: size, body)
    }

    /// Reads standard input to its end, and calls `body` with the bytes unless skipped or unreadable.
    package func withStandardInput<Value>(_ body: (UnsafeRawBufferPointer) -> Value) -> Outcome<Value> {
        withReadContents(of: STDIN_FILENO, expectedSize: 0, body)
    }

    /// Calls `body` with bytes a source already holds, under the same size and binary checks as a file.
    package func withBytes<Value>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Value) -> Outcome<Value> {
        guard bytes.count <= maxFileSize else { return .skipped(.tooLarge) }
        return scan(bytes, body)
    }

    private func withReadContents<Value>(
        of fd: Int32, expectedSize: Int, _ body: (UnsafeRawBufferPointer) -> Value
    ) -> Outcome<Value> {
        // One byte beyond the expected size, so a file that did not grow ends in a single read.
        reserve(expectedSize + 1, keeping: 0)
        var count = 0
        while true {
            if count == capacity {
                guard count <= maxFileSize else { return .skipped(.tooLarge) }
                reserve(capacity * 2, keeping: count)
            }
            let n = read(fd, buffer + count, capacity - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(FileTree.errnoText())
            }
            count += n
        }
        guard count <= maxFileSize else { return .skipped(.tooLarge) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        return scan(bytes, body)
    }

    private func withMappedContents<Value>(
        of fd: Int32, size: Int, _ body: (UnsafeRawBufferPointer) -> Value
    ) -> Outcome<Value> {
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            return .failed(FileTree.errnoText())
        }
        defer { munmap(address, size) }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        return scan(UnsafeRawBufferPointer(start: address, count: size), body)
    }

    private func scan<Value>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Value) -> Outcome<Value> {
        if let base = bytes.baseAddress, memchr(base, 0, min(bytes.count, Self.binaryProbeLength)) != nil {
            if let kind = ArchiveKind.of(UnsafeRawBufferPointer(rebasing: bytes.prefix(ArchiveKind.probeLength))) { return .archive(kind) }
            // UTF-16 text has NULs too: scanned as the UTF-8 it decodes to.
            guard let text = UTF16Text.utf8(bytes) else { return .skipped(.binary) }
            return .read(text.withUnsafeBytes(body), byteCount: bytes.count)
        }
        return .read(body(bytes), byteCount: bytes.count)
    }

    /// Up to `count` first bytes of the regular file at `path` (never following a link); nil when
    /// it cannot be opened or is empty.
    static func prefix(ofFileAt path: NativePath, count: Int) -> [UInt8]? {
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return prefix(of: fd, count: count)
    }

    private static func prefix(of fd: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        guard read > 0 else { return nil }
        return Array(bytes.prefix(read))
    }

    private func reserve(_ needed: Int, keeping kept: Int) {
        guard needed > capacity else { return }
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: buffer, byteCount: kept)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }
}
