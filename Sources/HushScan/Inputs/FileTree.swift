import Foundation

/// A regular file found by the walker, not yet opened.
package struct FileEntry: Sendable, Hashable {
    /// The path reported to the user: the root as written, joined with the path inside it.
    package var displayPath: String
    /// The bytes of the path to open.
    package var nativePath: NativePath

    package init(displayPath: String, nativePath: NativePath) {
        self.displayPath = displayPath
        self.nativePath = nativePath
    }
}

/// Why the scan could not start: a root the user named is missing or unusable.
package enum FileTreeError: Error, LocalizedError, Sendable, Equatable {
    case cannotOpenRoot(path: String, reason: String)

    package var errorDescription: String? {
        switch self {
        case .cannotOpenRoot(let path, let reason): "\(path): \(reason)"
        }
    }
}

/// The files under a list of roots, walked depth-first in name order.
///
/// Rules, so that a walk always ends and never blocks:
/// - A directory is entered once: it is identified by (device, inode) after `open(O_NOFOLLOW)`.
/// - A symbolic link inside the tree is never followed. If its target lies inside a scanned root,
///   the target is scanned under its own path (reason `symlink`); otherwise it is skipped
///   (`symlink-outside-tree`). A dangling link is skipped (`broken-symlink`); a looping one is an
///   error entry: a path named in the tree that cannot be read. A root that is itself a symbolic link is followed: the user named it.
/// - FIFOs, sockets and devices are never opened (`special-file`).
/// - Directories and files named `.git` are git's internals: they are not walked; the directory
///   holding one is reported as a repository (`Event.repository`), whose history is a source of its own.
/// - A file root that lies inside a directory root is dropped (`duplicate`).
package struct FileTree: Sendable {
    /// Something the walk met.
    package enum Event: Sendable, Hashable {
        case file(FileEntry)
        case skipped(SkippedPath)
        case error(PathError)
        /// A directory holding `.git`: the root of a repository's working tree.
        case repository(FileEntry)
        /// A bare repository met in the tree (`HEAD`, `objects/`, `refs/`): its history is its content,
        /// and its files (packs, refs) are not walked.
        case bareRepository(FileEntry)
        /// A directory holding `oci-layout` and `index.json`: an OCI image layout, read as an
        /// image (`ImageSource`) instead of as files.
        case imageLayout(FileEntry)
    }

    private enum Kind: Sendable { case directory, file, special }

    private struct Root: Sendable {
        var display: String
        var native: NativePath
        var realPath: String
        var kind: Kind
    }

    private let roots: [Root]
    private let filter: PathFilter

    /// Resolves every root; throws when one is missing or is a dangling link.
    package init(roots: [String], filter: PathFilter) throws(FileTreeError) {
        var resolved: [Root] = []
        for path in roots {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw .cannotOpenRoot(path: path, reason: Self.errnoText())
            }
            guard let real = realpath(path, nil) else {
                throw .cannotOpenRoot(path: path, reason: Self.errnoText())
            }
            let realPath = String(cString: real)
            free(real)
            let kind: Kind = switch info.st_mode & S_IFMT {
            case S_IFDIR: .directory
            case S_IFREG: .file
            default: .special
            }
            var display = path
            while display.count > 1 && display.hasSuffix("/") { display.removeLast() }
            resolved.append(Root(display: display, native: NativePath(realPath), realPath: realPath, kind: kind))
        }
        self.roots = resolved
        self.filter = filter
    }

    /// Calls `visit` for every file, skip and error, on the calling thread.
    package func walk(_ visit: (Event) -> Void) {
        var visitedDirectories = Set<FileIdentity>()
        let directoryRoots = roots.filter { $0.kind == .directory }.map(\.realPath)
        for root in roots {
            switch root.kind {
            case .special:
                visit(.skipped(SkippedPath(path: root.display, reason: .specialFile)))
            case .file:
                let insideADirectoryRoot = directoryRoots.contains { Self.isInside(root.realPath, $0) }
                if insideADirectoryRoot {
                    visit(.skipped(SkippedPath(path: root.display, reason: .duplicate)))
                } else if filter.excludesPathOrAncestor(Self.normalized(root.display), isDirectory: false) {
                    visit(.skipped(SkippedPath(path: root.display, reason: .excluded)))
                } else {
                    visit(.file(FileEntry(displayPath: root.display, nativePath: root.native)))
                }
            case .directory:
                let walker = DirectoryWalk(
                    root: root, filter: filterForDirectoryRoot(root, visit: visit), directoryRoots: directoryRoots)
                walker.run(visited: &visitedDirectories, visit: visit)
            }
        }
    }

    private func filterForDirectoryRoot(_ root: Root, visit: (Event) -> Void) -> PathFilter {
        let ignorePath = root.realPath + "/" + PathFilter.ignoreFileName
        guard FileManager.default.fileExists(atPath: ignorePath) else { return filter }
        do {
            let text = try String(contentsOfFile: ignorePath, encoding: .utf8)
            return filter.adding(PathFilter.parseIgnoreFile(text))
        } catch {
            let display = Self.join(root.display, PathFilter.ignoreFileName)
            visit(.error(PathError(path: display, reason: "cannot read ignore file: \(error.localizedDescription)")))
            return filter
        }
    }

    /// The walk of one directory root; holds what every directory of it needs.
    private struct DirectoryWalk {
        struct Pending {
            var native: NativePath
            var display: String
            var relative: String
        }

        let root: Root
        let filter: PathFilter
        let directoryRoots: [String]

        func run(visited: inout Set<FileIdentity>, visit: (Event) -> Void) {
            var stack = [Pending(native: root.native, display: root.display, relative: "")]
            while let directory = stack.popLast() {
                let subdirectories = list(directory, visited: &visited, visit: visit)
                stack.append(contentsOf: subdirectories.reversed())
            }
        }

        /// Whether the `oci-layout` file says what the OCI image layout specification has it say
        /// (`{"imageLayoutVersion": "1.0.0"}`), so an empty file of that name hides nothing.
        static func isOCILayoutMarker(_ path: NativePath) -> Bool {
            guard let head = FileReader.prefix(ofFileAt: path, count: 512) else { return false }
            return String(decoding: head, as: UTF8.self).contains("\"imageLayoutVersion\"")
        }

        /// Visits the files of one directory and returns its subdirectories, in name order.
        private func list(_ directory: Pending, visited: inout Set<FileIdentity>, visit: (Event) -> Void) -> [Pending] {
            let fd = directory.native.withCString { open($0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            guard fd >= 0 else {
                visit(.error(PathError(path: directory.display, reason: FileTree.errnoText())))
                return []
            }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                visit(.error(PathError(path: directory.display, reason: FileTree.errnoText())))
                close(fd)
                return []
            }
            guard visited.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
                visit(.skipped(SkippedPath(path: directory.display, reason: .duplicate)))
                close(fd)
                return []
            }
            guard let stream = fdopendir(fd) else {
                visit(.error(PathError(path: directory.display, reason: FileTree.errnoText())))
                close(fd)
                return []
            }
            defer { closedir(stream) }  // also closes fd
            var entries: [(name: [UInt8], type: UInt8)] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix { $0 != 0 })
                }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }  // "." and ".."
                entries.append((name, entry.pointee.d_type))
            }
            entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
            // An OCI layout is read as an image; its blobs are not walked as loose files (they are
            // the image's layers and configs), but everything else in the folder still is.
            var layoutBlobs = false
            if entries.contains(where: { $0.name == Array("index.json".utf8) }), entries.contains(where: { $0.name == Array("oci-layout".utf8) }),
               Self.isOCILayoutMarker(directory.native.appending(component: Array("oci-layout".utf8))) {
                visit(.imageLayout(FileEntry(displayPath: directory.display, nativePath: directory.native)))
                layoutBlobs = true
            }

            // A bare repository inside the tree (a folder of mirrors): read as a repository, not as files.
            if entries.contains(where: { $0.name == Array("HEAD".utf8) }), entries.contains(where: { $0.name == Array("objects".utf8) }),
               entries.contains(where: { $0.name == Array("refs".utf8) }), GitRepository.isBareRepository(directory.native.description) {
                visit(.bareRepository(FileEntry(displayPath: directory.display, nativePath: directory.native)))
                return []
            }

            var subdirectories: [Pending] = []
            for (name, type) in entries {
                if layoutBlobs, name == Array("blobs".utf8) { continue }
                if name == Array(".git".utf8) {
                    visit(.repository(FileEntry(displayPath: directory.display, nativePath: directory.native)))
                    continue
                }
                let text = String(decoding: name, as: UTF8.self)
                let child = Pending(
                    native: directory.native.appending(component: name),
                    display: FileTree.join(directory.display, text),
                    relative: directory.relative.isEmpty ? text : directory.relative + "/" + text)
                switch classify(type: type, path: child.native) {
                case .directory:
                    if filter.excludes(child.relative, isDirectory: true) {
                        visit(.skipped(SkippedPath(path: child.display, reason: .excluded)))
                    } else {
                        subdirectories.append(child)
                    }
                case .regular:
                    if filter.excludes(child.relative, isDirectory: false) {
                        visit(.skipped(SkippedPath(path: child.display, reason: .excluded)))
                    } else {
                        visit(.file(FileEntry(displayPath: child.display, nativePath: child.native)))
                    }
                case .symlink:
                    if filter.excludes(child.relative, isDirectory: false) {
                        visit(.skipped(SkippedPath(path: child.display, reason: .excluded)))
                    } else {
                        visit(symlinkEvent(child))
                    }
                case .special:
                    let excluded = filter.excludes(child.relative, isDirectory: false)
                    visit(.skipped(SkippedPath(path: child.display, reason: excluded ? .excluded : .specialFile)))
                case .vanished(let reason):
                    visit(.error(PathError(path: child.display, reason: reason)))
                }
            }
            return subdirectories
        }

        private enum EntryKind {
            case directory, regular, symlink, special
            case vanished(String)
        }

        private func classify(type: UInt8, path: NativePath) -> EntryKind {
            // d_type values are fixed by the kernel ABI: DT_DIR 4, DT_REG 8, DT_LNK 10, DT_UNKNOWN 0.
            switch type {
            case 4: return .directory
            case 8: return .regular
            case 10: return .symlink
            case 0: break
            default: return .special
            }
            var info = stat()
            guard path.withCString({ lstat($0, &info) }) == 0 else { return .vanished(FileTree.errnoText()) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .directory
            case S_IFREG: return .regular
            case S_IFLNK: return .symlink
            default: return .special
            }
        }

        private func symlinkEvent(_ link: Pending) -> Event {
            guard let resolved = link.native.withCString({ realpath($0, nil) }) else {
                // A dangling link is data (test fixtures keep them), not a failure to read.
                if errno == ENOENT { return .skipped(SkippedPath(path: link.display, reason: .brokenSymlink)) }
                let reason = switch errno {
                case ELOOP: "symbolic link loop: the link resolves to itself"
                default: "cannot resolve symbolic link: \(FileTree.errnoText())"
                }
                return .error(PathError(path: link.display, reason: reason))
            }
            let target = String(cString: resolved)
            free(resolved)
            let inside = directoryRoots.contains { FileTree.isInside(target, $0) }
            return .skipped(SkippedPath(path: link.display, reason: inside ? .symlink : .symlinkOutsideTree))
        }
    }

    /// `display` + "/" + `name`, where a root of "." contributes nothing.
    static func join(_ display: String, _ name: String) -> String {
        if display == "." { return name }
        return display.hasSuffix("/") ? display + name : display + "/" + name
    }

    /// A path written by the user, as globs see it: no leading "./".
    static func normalized(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return String(path)
    }

    static func isInside(_ path: String, _ directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }

    /// The system's message for the current `errno`.
    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// A file's identity on this machine, independent of the path that reached it.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}
