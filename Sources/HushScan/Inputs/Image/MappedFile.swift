import Foundation

/// A file mapped read-only for as long as anything holds it: an image tarball whose layers are
/// read in place by several threads at once, or one blob of an OCI layout directory.
///
/// `@unchecked Sendable`: the mapping is private and read-only, and is only unmapped in `deinit`,
/// when no one can read it any more.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    /// Maps the regular file at `path` (never following a final symbolic link); the system's
    /// message when it cannot.
    static func open(_ path: String) -> Result<MappedFile, MappedFileError> {
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return .failure(MappedFileError(reason: FileTree.errnoText(), code: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(MappedFileError(reason: FileTree.errnoText())) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(MappedFileError(reason: "not a regular file")) }
        return map(fd, path: path)
    }

    /// Maps the regular file open at `fd` (the caller closes it).
    static func map(_ fd: Int32, path: String) -> Result<MappedFile, MappedFileError> {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(MappedFileError(reason: FileTree.errnoText())) }
        let size = Int(info.st_size)
        guard size > 0 else { return .success(MappedFile(path: path, bytes: UnsafeRawBufferPointer(start: nil, count: 0))) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            return .failure(MappedFileError(reason: FileTree.errnoText()))
        }
        return .success(MappedFile(path: path, bytes: UnsafeRawBufferPointer(start: address, count: size)))
    }

    private init(path: String, bytes: UnsafeRawBufferPointer) {
        self.path = path
        self.bytes = bytes
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// The bytes in `range` (clamped to the file).
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        let lower = min(max(0, range.lowerBound), bytes.count)
        let upper = min(max(lower, range.upperBound), bytes.count)
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }
}

/// Why a file could not be mapped, in the system's words.
struct MappedFileError: Error {
    var reason: String
    /// The errno behind it (0 when it is ours).
    var code: Int32 = 0
}

/// A stretch of a mapped file: one blob of an image, kept alive by its file.
struct MappedSlice: Sendable {
    let file: MappedFile
    let range: Range<Int>

    var bytes: UnsafeRawBufferPointer { file.slice(range) }
    var count: Int { range.count }
}
