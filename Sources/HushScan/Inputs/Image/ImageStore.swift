import Foundation

/// The files of an image as it lies on disk: the members of an uncompressed tarball (`docker
/// save`, `skopeo copy … oci-archive:` or `docker-archive:`), mapped once and read in place; or
/// the files of an OCI layout directory. Names are the tar's member names (`blobs/sha256/…`,
/// `manifest.json`) or paths under the directory.
final class ImageStore: Sendable {
    private enum Storage {
        case tar(MappedFile, [String: TarIndex.Member])
        case directory(String)
    }

    private let storage: Storage
    /// Where the user sees the image: the path as they wrote it.
    let displayPath: String

    /// A tarball, already listed.
    init(tar file: MappedFile, index: TarIndex, displayPath: String) {
        var members: [String: TarIndex.Member] = [:]
        for member in index.members { members[member.name] = member }
        storage = .tar(file, members)
        self.displayPath = displayPath
    }

    /// An OCI layout directory.
    init(directory: String, displayPath: String) {
        storage = .directory(directory)
        self.displayPath = displayPath
    }

    /// Whether the store has a file of that name.
    func contains(_ name: String) -> Bool {
        switch storage {
        case .tar(_, let members): return resolve(name, in: members) != nil
        case .directory(let root):
            guard let fd = Self.openBeneath(root, name) else { return false }
            close(fd)
            return true
        }
    }

    /// The size of the file `name`, without mapping it (ordering layers by size reads no data).
    func size(_ name: String) -> Int? {
        switch storage {
        case .tar(_, let members): return resolve(name, in: members)?.data.count
        case .directory(let root):
            guard let fd = Self.openBeneath(root, name) else { return nil }
            defer { close(fd) }
            var info = stat()
            return fstat(fd, &info) == 0 ? Int(info.st_size) : nil
        }
    }

    /// The bytes of the file `name`, in place.
    func blob(_ name: String) -> Result<MappedSlice, ImageStoreError> {
        switch storage {
        case .tar(let file, let members):
            guard let member = resolve(name, in: members) else { return .failure(.missing(name)) }
            return .success(MappedSlice(file: file, range: member.data))
        case .directory(let root):
            guard let fd = Self.openBeneath(root, name) else { return .failure(.missing(name)) }
            defer { close(fd) }
            switch MappedFile.map(fd, path: root + "/" + name) {
            case .success(let file): return .success(MappedSlice(file: file, range: 0..<file.bytes.count))
            case .failure(let error): return .failure(.unreadable(name, error.reason))
            }
        }
    }

    /// A small file (a manifest, an index, a config) as bytes; refused past `limit`.
    func small(_ name: String, limit: Int = 16 << 20) -> Result<[UInt8], ImageStoreError> {
        switch blob(name) {
        case .success(let slice):
            guard slice.count <= limit else { return .failure(.tooLarge(name, slice.count)) }
            return .success(Array(slice.bytes))
        case .failure(let error): return .failure(error)
        }
    }

    /// A member by name, through symbolic and hard links inside the tar (a legacy `docker save`
    /// links a repeated layer to its first copy), at most 8 hops.
    private func resolve(_ name: String, in members: [String: TarIndex.Member]) -> TarIndex.Member? {
        var current = Self.clean(name)
        for _ in 0..<8 {
            guard let member = members[current] else { return nil }
            switch member.kind {
            case .file: return member
            case .symlink:
                let base = current.split(separator: "/").dropLast().joined(separator: "/")
                current = Self.clean(member.linkTarget.hasPrefix("/") ? member.linkTarget : (base.isEmpty ? "" : base + "/") + member.linkTarget)
            case .hardlink: current = Self.clean(member.linkTarget)
            case .directory, .other: return nil
            }
        }
        return nil
    }

    /// `a/./b/../c` → `a/c`; leading `./` and `/` dropped (names inside the tar only).
    private static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// The regular file `name` under `root`, opened one component at a time without following any
    /// link: only the layout's own files (`index.json`, `oci-layout`, `manifest.json`) and blobs by
    /// digest (`blobs/sha256/HEX`) are ever opened, so a manifest cannot name a file elsewhere and a
    /// symbolic link in the layout cannot lead out of it.
    private static func openBeneath(_ root: String, _ name: String) -> Int32? {
        let parts = name.split(separator: "/").map(String.init)
        let allowed = (parts.count == 1 && ["index.json", "oci-layout", "manifest.json"].contains(parts[0]))
            || (parts.count == 3 && parts[0] == "blobs" && ImageLayout.blobName("\(parts[1]):\(parts[2])") != nil)
        guard allowed else { return nil }
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return nil }
        for part in parts.dropLast() {
            let next = openat(directory, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(directory)
            guard next >= 0 else { return nil }
            directory = next
        }
        let fd = openat(directory, parts[parts.count - 1], O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        close(directory)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        return fd
    }
}

/// Why an image's file could not be had.
enum ImageStoreError: Error {
    case missing(String)
    case unreadable(String, String)
    case tooLarge(String, Int)

    var reason: String {
        switch self {
        case .missing(let name): "\(name) is named by the image's manifest but is not in the image"
        case .unreadable(let name, let reason): "\(name): \(reason)"
        case .tooLarge(let name, let size): "\(name) is \(ByteSize(bytes: size)), too large for a manifest or config; not read"
        }
    }
}
