/// How a work item's bytes are read. The source decides: a file is read or mapped by the worker
/// that takes it, bytes a source already holds (a git object, a tar entry) are handed over.
package enum BlobContent: Sendable {
    case file(NativePath)
    case standardInput
    case bytes([UInt8])
}

/// One blob to scan: where it came from, how to read it, and its id when the source knows it.
package struct BlobItem: Sendable {
    package var provenance: Provenance
    package var content: BlobContent
    /// An id the source vouches for (a git blob id, a layer digest); nil: hashed when dedup needs it.
    package var knownID: BlobID?

    package init(provenance: Provenance, content: BlobContent, knownID: BlobID? = nil) {
        self.provenance = provenance
        self.content = content
        self.knownID = knownID
    }

    /// The path a file item is read from.
    var filePath: NativePath? {
        if case .file(let path) = content { return path }
        return nil
    }
}

/// Where a source delivers what it finds. Calls come from the one thread running the sources.
package protocol BlobSink {
    /// Hands a blob to the workers; may wait while they catch up.
    func emit(_ item: BlobItem)
    func skip(_ skipped: SkippedPath)
    func fail(_ error: PathError)
    /// A repository whose history is being scanned: the scan asks it afterwards which commits
    /// introduced the blobs that had findings.
    func repository(_ repository: GitRepository)
    /// The images a source read: after the scan, each finding in a layer is placed in every image
    /// that has the layer, with the later layer that hides it.
    func image(_ listing: ImageListing)
    /// Image layers read so far in this scan, and how many there are (for the progress line).
    func layers(read: Int, of total: Int)
    /// The working tree of a repository the walk met (a scanned folder itself, or one inside it):
    /// where its own settings files are.
    func workingTree(_ entry: FileEntry)
}

extension BlobSink {
    package func workingTree(_ entry: FileEntry) {}
}

/// Something that yields blobs to scan: a file tree, standard input, and (next) a repository's
/// history or an image's layers. Sources run one after another on the scan's calling thread while
/// the workers scan what they emit; a source never stops the scan for one bad entry, it reports
/// it (`fail`) and goes on.
package protocol BlobSource: Sendable {
    func produce(into sink: any BlobSink)
}

/// The files under the roots the user named, walked by `FileTree`; then the history of every
/// repository the walk met (unless `history` says not to).
package struct FileTreeSource: BlobSource {
    let tree: FileTree
    let filter: PathFilter
    let history: GitHistoryOptions
    let maxFileSize: Int
    let readers: Int
    var maxArchiveDepth = ScanOptions.defaultMaxArchiveDepth

    /// Resolves the roots; throws when one is missing (nothing has been scanned yet).
    package init(
        roots: [String], filter: PathFilter, history: GitHistoryOptions = .noHistory,
        maxFileSize: Int = ScanOptions.defaultMaxFileSize, readers: Int = 1
    ) throws(FileTreeError) {
        tree = try FileTree(roots: roots, filter: filter)
        self.filter = filter
        self.history = history
        self.maxFileSize = maxFileSize
        self.readers = readers
    }

    package func produce(into sink: any BlobSink) {
        var repositories: [GitRepository] = []
        var layouts: [FileEntry] = []
        let walksFiles = history.scansWorkingTree
        tree.walk { event in
            switch event {
            case .file(let entry):
                if walksFiles { sink.emit(BlobItem(provenance: .file(path: entry.displayPath), content: .file(entry.nativePath))) }
            case .skipped(let skipped): if walksFiles { sink.skip(skipped) }
            case .error(let error): sink.fail(error)
            case .repository(let entry):
                sink.workingTree(entry)
                repositories.append(GitRepository(directory: entry.nativePath.description, displayPath: entry.displayPath, isBare: false))
            case .bareRepository(let entry):
                repositories.append(GitRepository(directory: entry.nativePath.description, displayPath: entry.displayPath, isBare: true))
            case .imageLayout(let entry):
                if walksFiles { layouts.append(entry) }
            }
        }
        for layout in layouts {
            ImageSource(
                path: layout.nativePath.description, displayPath: layout.displayPath, isDirectory: true,
                maxFileSize: maxFileSize, maxArchiveDepth: maxArchiveDepth, readers: readers
            ).produce(into: sink)
        }
        guard history.enabled || history.staged else { return }
        for repository in repositories {
            GitHistorySource(repository: repository, options: history, maxFileSize: maxFileSize, readers: readers, filter: filter).produce(into: sink)
        }
    }
}

extension GitHistoryOptions {
    /// The working tree only.
    package static var noHistory: GitHistoryOptions {
        var options = GitHistoryOptions()
        options.enabled = false
        return options
    }
}

/// Standard input, read to its end by a worker.
package struct StandardInputSource: BlobSource {
    package init() {}

    package func produce(into sink: any BlobSink) {
        sink.emit(BlobItem(provenance: .standardInput, content: .standardInput))
    }
}
