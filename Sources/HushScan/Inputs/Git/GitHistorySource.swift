import Foundation

/// Which part of a repository's history a scan reads (`hush scan` flags).
package struct GitHistoryOptions: Sendable, Hashable {
    /// False: `--no-history`, the working tree only.
    package var enabled = true
    /// `--branch REF` (repeatable); empty: every ref (`--all`: branches, tags, remotes, stash, notes).
    package var refs: [String] = []
    /// `--since DATE`: commits after it (any date `git log --since` takes).
    package var since: String?
    /// `--commits A..B`: the commits of that range.
    package var commits: String?
    /// `--diff BASE..HEAD`: only what that range added, and not the working tree.
    package var diff: String?
    /// `--staged`: only the staged version of each staged file, and nothing else.
    package var staged = false

    package init() {}

    /// The revision arguments of `git rev-list`/`git log`, after `--end-of-options`.
    var revisions: [String] {
        if let range = diff ?? commits { return [range] }
        return refs
    }

    /// Options before the revisions.
    var revisionOptions: [String] {
        var options: [String] = []
        if revisions.isEmpty { options.append("--all") }
        if let since { options.append("--since=" + since) }
        return options
    }

    /// Whether the working tree of a repository is scanned besides its history.
    package var scansWorkingTree: Bool { diff == nil && !staged }
}

/// A git repository met by a scan: where git finds it and how its paths are written in reports.
package struct GitRepository: Sendable, Hashable {
    /// The directory git runs in (`-C`): the working tree root, or the bare repository.
    package var directory: String
    /// The repository as reports name it: its working tree root as the user wrote it.
    package var displayPath: String
    package var isBare: Bool

    package init(directory: String, displayPath: String, isBare: Bool) {
        self.directory = directory
        self.displayPath = displayPath
        self.isBare = isBare
    }

    /// `path` inside the repository, as reports write it (relative to the scan root as given).
    package func display(_ path: String) -> String {
        FileTree.join(displayPath, path)
    }

    /// Whether `directory` is a bare repository's git directory (HEAD, objects/ and refs/).
    package static func isBareRepository(_ directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        return manager.fileExists(atPath: directory + "/HEAD")
            && manager.fileExists(atPath: directory + "/objects", isDirectory: &isDirectory) && isDirectory.boolValue
            && manager.fileExists(atPath: directory + "/refs", isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// One blob of a repository's history to read: its id, size and the first path it was reached at.
struct GitBlobEntry: Sendable {
    var oid: String
    var size: Int
    var path: String
}

/// Every blob reachable from the chosen refs, each once whatever number of commits and paths
/// reach it: `git rev-list --objects` lists them (the first path each is reached at), `git
/// cat-file --batch-check` keeps the blobs and their sizes, and several `git cat-file --batch`
/// processes read them in parallel while the workers scan what has arrived. Which commit
/// introduced which blob is asked afterwards, only for blobs with findings (`GitAttribution`).
package struct GitHistorySource: BlobSource {
    package let repository: GitRepository
    package let options: GitHistoryOptions
    let maxFileSize: Int
    let readers: Int
    /// `--exclude` globs; the repository's own `.hushignore` is added when it has a working tree.
    let filter: PathFilter

    package init(repository: GitRepository, options: GitHistoryOptions, maxFileSize: Int, readers: Int, filter: PathFilter = PathFilter()) {
        self.repository = repository
        self.filter = filter
        self.options = options
        self.maxFileSize = maxFileSize
        self.readers = max(1, readers)
    }

    package func produce(into sink: any BlobSink) {
        sink.repository(repository)
        let place = Provenance.gitBlob(repository: repository.displayPath, commit: "", path: repository.displayPath)
        let shared = LockedSink(sink)
        // Readers start at once and read runs of blobs while the listing is still going.
        let runs = RunChannel()
        let finished = DispatchGroup()
        for _ in 0..<readers {
            finished.enter()
            let thread = Thread {
                self.readRuns(runs, into: shared)
                finished.leave()
            }
            thread.start()
        }
        var pending: [GitBlobEntry] = []
        let filter = historyFilter(reportingTo: shared)
        func offer(_ blob: GitBlobEntry) {
            // Globs match the path in the repository, and the path as reported (for --exclude
            // globs written from the folder the scan started in).
            if filter.excludesPathOrAncestor(blob.path, isDirectory: false)
                || filter.excludesPathOrAncestor(FileTree.normalized(repository.display(blob.path)), isDirectory: false) {
                shared.skip(SkippedPath(provenance: provenance(blob), reason: .excluded))
                return
            }
            if blob.size > maxFileSize {
                shared.skip(SkippedPath(provenance: provenance(blob), reason: .tooLarge))
                return
            }
            pending.append(blob)
            if pending.count == Self.runLength {
                runs.push(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        do {
            if options.staged {
                for blob in try stagedBlobs() { offer(blob) }
            } else {
                if try isShallow() {
                    shared.fail(PathError(provenance: place, reason: "shallow clone: commits before its shallow boundary are not in the repository and were not scanned"))
                }
                let missing = try listReachableBlobs(offer)
                if !missing.isEmpty {
                    let named = missing.prefix(5).joined(separator: ", ")
                    shared.fail(PathError(provenance: place, reason: "\(missing.count == 1 ? "1 object is" : "\(missing.count) objects are") missing (a partial clone or a damaged repository) and were not scanned: \(named)\(missing.count > 5 ? ", ..." : "")"))
                }
            }
        } catch {
            shared.fail(PathError(provenance: place, reason: "history not scanned: \(error)"))
        }
        if !pending.isEmpty { runs.push(pending) }
        runs.close()
        finished.wait()
    }

    /// The filter history paths go through: the scan's globs and the working tree's `.hushignore`.
    private func historyFilter(reportingTo sink: LockedSink) -> PathFilter {
        guard !repository.isBare else { return filter }
        let ignorePath = repository.directory + "/" + PathFilter.ignoreFileName
        guard FileManager.default.fileExists(atPath: ignorePath) else { return filter }
        guard let text = try? String(contentsOfFile: ignorePath, encoding: .utf8) else { return filter }
        return filter.adding(PathFilter.parseIgnoreFile(text))
    }

    /// Blobs per request to a reader: small enough to fit a pipe's buffer as a request, so a
    /// reader can write a run and then read its answers without deadlock.
    static let runLength = 256

    private func isShallow() throws(GitError) -> Bool {
        let output = try GitProcess.output(in: repository.directory, ["rev-parse", "--is-shallow-repository"])
        return String(decoding: output, as: UTF8.self).hasPrefix("true")
    }

    /// The staged version of every staged file (added or modified), at its path.
    private func stagedBlobs() throws(GitError) -> [GitBlobEntry] {
        let output = try GitProcess.output(
            in: repository.directory, ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev", "--diff-filter=AM"])
        let tokens = output.split(separator: 0, omittingEmptySubsequences: false)
        return stride(from: 0, to: tokens.count - 1, by: 2).compactMap { index in
            guard let entry = GitRawEntry(tokens[index], path: tokens[index + 1]), !entry.isSubmodule else { return nil }
            return GitBlobEntry(oid: entry.newObject, size: -1, path: entry.path)
        }
    }

    /// Hands each reachable blob to `offer` as the listing finds it; returns the ids of missing objects.
    private func listReachableBlobs(_ offer: (GitBlobEntry) -> Void) throws(GitError) -> [String] {
        let list = try GitProcess(
            in: repository.directory,
            ["rev-list", "--objects", "--missing=print"] + options.revisionOptions + ["--end-of-options"] + options.revisions)
        let check = try GitProcess(in: repository.directory, ["cat-file", "--batch-check=%(objecttype) %(objectname) %(objectsize) %(rest)"])
        let missing = Locked<[String]>([])
        let feeder = Thread {
            var reader = ByteStreamReader(descriptor: list.outputDescriptor)
            var pending: [UInt8] = []
            while let line = reader.line() {
                if line.first == UInt8(ascii: "?") {
                    missing.update { $0.append(String(decoding: line.dropFirst(), as: UTF8.self)) }
                    continue
                }
                guard line.contains(0x20) else { continue }  // a commit: no path
                pending += line
                pending.append(0x0A)
                if pending.count >= 1 << 14 {
                    _ = check.write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            _ = check.write(pending)
            check.closeInput()
        }
        feeder.start()
        var reader = ByteStreamReader(descriptor: check.outputDescriptor)
        while let line = reader.line() {
            guard line.starts(with: Array("blob ".utf8)) else { continue }
            let fields = line.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, let size = Int(String(decoding: fields[2], as: UTF8.self)) else { continue }
            offer(GitBlobEntry(
                oid: String(decoding: fields[1], as: UTF8.self), size: size,
                path: fields.count > 3 ? String(decoding: fields[3], as: UTF8.self) : ""))
        }
        let listed = list.finish()
        _ = check.finish()
        if listed.status != 0 {
            throw .failed(command: "rev-list", message: GitError.firstLine(listed.errors))
        }
        return missing.value
    }

    private func provenance(_ blob: GitBlobEntry) -> Provenance {
        options.staged
            ? .file(path: repository.display(blob.path))
            : .gitBlob(repository: repository.displayPath, commit: "", path: repository.display(blob.path))
    }

    /// One reader: one `git cat-file --batch` for every run it takes (neighbours in rev-list
    /// order tend to share delta chains, and the process keeps its delta-base cache).
    private func readRuns(_ runs: RunChannel, into sink: LockedSink) {
        var git: GitProcess?
        var reader: ByteStreamReader?
        defer { _ = git?.finish() }
        // Once this reader's git fails, it still takes its share of runs (so the listing never
        // waits on it) and says which blobs went unread.
        var broken: String?
        while let run = runs.pop() {
            if let broken {
                sink.fail(PathError(provenance: provenance(run[0]), reason: "\(run.count) blobs not read from this one on: \(broken)"))
                continue
            }
            if git == nil {
                do {
                    let process = try GitProcess(in: repository.directory, ["cat-file", "--batch"])
                    git = process
                    reader = ByteStreamReader(descriptor: process.outputDescriptor)
                } catch {
                    broken = "git cat-file could not start: \(error)"
                    sink.fail(PathError(provenance: provenance(run[0]), reason: "\(run.count) blobs not read from this one on: \(broken!)"))
                    continue
                }
            }
            guard let process = git, var stream = reader else { return }
            var request: [UInt8] = []
            request.reserveCapacity(run.count * 41)
            for blob in run {
                request += Array(blob.oid.utf8)
                request.append(0x0A)
            }
            guard process.write(request) else {
                broken = "git cat-file stopped taking requests"
                sink.fail(PathError(provenance: provenance(run[0]), reason: "\(run.count) blobs not read from this one on: \(broken!)"))
                continue
            }
            for blob in run {
                guard let header = stream.line() else {
                    broken = "git cat-file stopped before this blob"
                    sink.fail(PathError(provenance: provenance(blob), reason: broken!))
                    break
                }
                let fields = header.split(separator: 0x20)
                guard fields.count == 3, let size = Int(String(decoding: fields[2], as: UTF8.self)) else {
                    // "<oid> missing": an object the listing named but the store lacks.
                    sink.fail(PathError(provenance: provenance(blob), reason: "object \(blob.oid) is missing from the repository"))
                    continue
                }
                guard let bytes = stream.bytes(size), stream.bytes(1) != nil else {
                    broken = "git cat-file stopped inside this blob"
                    sink.fail(PathError(provenance: provenance(blob), reason: broken!))
                    break
                }
                sink.emit(BlobItem(provenance: provenance(blob), content: .bytes(bytes), knownID: BlobID(gitObject: blob.oid)))
            }
            reader = stream
        }
    }
}

/// Runs of blobs from the listing to the readers; bounded, so a listing far ahead of the
/// readers does not hold the whole history's ids at once.
final class RunChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var runs: [[GitBlobEntry]] = []
    private var closed = false

    func push(_ run: [GitBlobEntry]) {
        condition.lock()
        while runs.count >= 64 && !closed { condition.wait() }
        runs.append(run)
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> [GitBlobEntry]? {
        condition.lock()
        defer { condition.unlock() }
        while runs.isEmpty && !closed { condition.wait() }
        guard !runs.isEmpty else { return nil }
        condition.broadcast()
        return runs.removeFirst()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

extension BlobID {
    /// A git object id in hex (SHA-1, or SHA-256 in a SHA-256 repository).
    init?(gitObject hex: String) {
        guard hex.utf8.count == 40 || hex.utf8.count == 64, let digest = Hex.decode(hex) else { return nil }
        self.init(scheme: .gitBlob, digest: digest)
    }
}

/// A value behind a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

/// A sink shared by several reader threads: one call at a time reaches the real one.
final class LockedSink: @unchecked Sendable, BlobSink {
    private let sink: any BlobSink
    private let lock = NSLock()
    init(_ sink: any BlobSink) { self.sink = sink }
    func emit(_ item: BlobItem) {
        // The queue is itself thread-safe and may block while workers catch up: no lock around it.
        sink.emit(item)
    }
    func skip(_ skipped: SkippedPath) { lock.withLock { sink.skip(skipped) } }
    func fail(_ error: PathError) { lock.withLock { sink.fail(error) } }
    func repository(_ repository: GitRepository) { lock.withLock { sink.repository(repository) } }
    func image(_ listing: ImageListing) { lock.withLock { sink.image(listing) } }
    func layers(read: Int, of total: Int) { lock.withLock { sink.layers(read: read, of: total) } }
}
