import Foundation

/// A scan: sources yield blobs on the calling thread while `threads` workers read them, skip
/// content already scanned (`BlobRegistry`), scan the rest (`BlobScanner`), and build findings;
/// then every place of every finding goes through the one suppression stage, and the result is
/// merged and sorted.
package struct Scan: Sendable {
    /// The argument that means standard input.
    package static let standardInputArgument = "-"

    package let engine: ScanEngine
    package let options: ScanOptions
    /// Nil: a file tree of `options.paths`, and standard input when one of them is `-`.
    let sources: [any BlobSource]?
    let analyzers: [any Analyzer]

    package init(engine: ScanEngine, options: ScanOptions) {
        self.init(engine: engine, options: options, sources: nil)
    }

    package init(
        engine: ScanEngine, options: ScanOptions, sources: [any BlobSource]?,
        analyzers: [any Analyzer] = Self.defaultAnalyzers
    ) {
        self.engine = engine
        self.options = options
        self.sources = sources
        self.analyzers = analyzers
    }

    /// The analyzers every scan runs. Structure first: a Secret value decoded by the Kubernetes
    /// analyzer carries its document path, and of two layers with the same match the first stands.
    package static let defaultAnalyzers: [any Analyzer] = [KubernetesAnalyzer(), ComposeAnalyzer(), DockerfileAnalyzer(), DecodingAnalyzer()]

    /// The analyzers of `--text-only`: encoded text is still decoded, no file is read as structure.
    package static let textOnlyAnalyzers: [any Analyzer] = [DecodingAnalyzer()]

    /// The sources `options.paths` name: one file tree for every path but `-`, then standard input.
    package static func sources(for options: ScanOptions) throws(FileTreeError) -> [any BlobSource] {
        var sources: [any BlobSource] = []
        var roots = options.paths.filter { $0 != standardInputArgument }
        if roots.isEmpty && !options.paths.contains(standardInputArgument) { roots = ["."] }
        // A bare repository named as a root has no working tree: its history is all there is.
        let bare = roots.filter { GitRepository.isBareRepository($0) }
        roots.removeAll { bare.contains($0) }
        let readers = max(1, options.threads)
        if !roots.isEmpty {
            var tree = try FileTreeSource(
                roots: roots, filter: PathFilter(patterns: options.exclude), history: options.history,
                maxFileSize: options.maxFileSize, readers: readers)
            tree.maxArchiveDepth = options.maxArchiveDepth
            sources.append(tree)
        }
        if options.history.enabled || options.history.staged {
            for root in bare {
                let repository = GitRepository(directory: root, displayPath: root, isBare: true)
                sources.append(GitHistorySource(
                    repository: repository, options: options.history, maxFileSize: options.maxFileSize, readers: readers,
                    filter: PathFilter(patterns: options.exclude)))
            }
        }
        if options.paths.contains(standardInputArgument) { sources.append(StandardInputSource()) }
        return sources
    }

    /// Runs the scan. Unreadable places become `errors` in the result; only a root that cannot be
    /// opened at all throws, before anything is scanned.
    package func run() throws(FileTreeError) -> ScanResult {
        let clock = ContinuousClock()
        let started = clock.now
        let sources: [any BlobSource]
        if let given = self.sources { sources = given } else { sources = try Self.sources(for: options) }

        let queue = WorkQueue()
        let registry = BlobRegistry()
        let deferred = DeferredArchives()
        let meter = ProgressMeter()
        if options.progress { meter.show() }
        let sink = ResultSink<WorkerOutput>()
        let finished = DispatchGroup()
        for _ in 0..<max(1, options.threads) {
            finished.enter()
            let thread = Thread {
                sink.add(self.work(queue, registry, meter, deferred))
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        let produced = ProducedSink(queue: queue, meter: meter)
        for source in sources { source.produce(into: produced) }
        // Images and archives the workers met as files are read once the files are done.
        while true {
            queue.waitUntilIdle()
            let found = deferred.take()
            if found.isEmpty { break }
            for archive in found {
                ImageSource(
                    path: archive.path.description, displayPath: archive.displayPath, isDirectory: false,
                    maxFileSize: options.maxFileSize, maxArchiveDepth: options.maxArchiveDepth, readers: max(1, options.threads)
                ).produce(into: produced)
            }
        }
        queue.close()
        finished.wait()
        meter.finish(shown: options.progress)

        var result = ScanResult()
        result.skipped = produced.skipped
        result.errors = produced.errors
        var blobs: [ScannedBlob] = []
        for part in sink.all {
            blobs += part.blobs
            result.errors += part.errors
            result.skipped += part.skipped
            result.readAsText += part.readAsText
            result.filesScanned += part.filesScanned
            result.bytesScanned += part.bytesScanned
            for (rule, count) in part.limitHits { result.limitHits[engine.ruleSet.rules[rule].id, default: 0] += count }
        }
        result.duplicates = registry.duplicateCount
        result.readAsText.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        var history = HistoryPlaces()
        if !produced.repositories.isEmpty {
            (blobs, history) = attribute(blobs, in: produced.repositories, registry: registry)
            result.errors += history.errors
            result.commits = history.commits
            result.repositories = produced.repositories.map(GitRepositoryState.init(describing:))
        }
        var suppression = Suppression(filter: options.filter, enabled: options.suppress)
        suppression.repositories = repositorySettings(produced.workingTrees, into: &result)
        (result.findings, result.suppressed, result.suppressedFindings) = Self.place(
            blobs, registry: registry, suppression: suppression,
            roots: FingerprintRoots(options.paths.filter { $0 != Self.standardInputArgument }))
        if !produced.repositories.isEmpty {
            result.findings = Self.mergeHistory(result.findings, history: history)
        }
        if !produced.images.isEmpty {
            result.findings = Self.placeInImages(result.findings, listings: produced.images)
        }
        result.findings.sort(by: Finding.reportOrder)
        result.suppressedFindings.sort { Finding.reportOrder($0.finding, $1.finding) }
        result.errors.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        result.skipped.sort { ($0.path, $0.reason) < ($1.path, $1.reason) }
        let elapsed = clock.now - started
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }

    /// The settings of each repository met inside a scanned folder (a scanned folder's own are the
    /// command's to read). A file that cannot be used is an error, and the scan goes on without it.
    private func repositorySettings(_ workingTrees: [FileEntry], into result: inout ScanResult) -> [RepositorySettings] {
        let roots = Set(options.paths.map(FingerprintRoots.normalized))
        var settings: [RepositorySettings] = []
        for tree in workingTrees where !roots.contains(FingerprintRoots.normalized(tree.displayPath)) {
            do {
                guard let found = try RepositorySettings.load(
                    root: tree.displayPath, directory: tree.nativePath.description, configuration: options.repositoryConfiguration) else { continue }
                if !found.scanWideKeys.isEmpty {
                    result.notes.append("\(found.files[0]): \(found.scanWideKeys.joined(separator: ", ")) not applied: they shape the whole scan; scan \(tree.displayPath) on its own (or name the file with --config) to use them. Its other settings apply under it.")
                }
                for entry in found.expired {
                    result.notes.append("ignore entry \(entry.fingerprint.prefix(12))… (\(entry.source)) expired on \(entry.expires ?? ""): no longer hiding it.")
                }
                settings.append(found)
            } catch {
                let (path, reason): (String, String) = switch error {
                case .unreadable(let path, let reason): (path, "cannot read these settings (not applied): \(reason)")
                case .invalid(let path, let line, let reason): (path, "line \(line): \(reason); these settings were not applied")
                }
                result.errors.append(PathError(path: path, reason: reason))
            }
        }
        // The deepest repository speaks first (a repository inside a repository).
        return settings.sorted { $0.root.count > $1.root.count }
    }

    /// Every finding at every place its content was found, through the suppression stage; a
    /// finding found at several places becomes one with `locations`.
    static func place(
        _ blobs: [ScannedBlob], registry: BlobRegistry, suppression: Suppression, roots: FingerprintRoots = FingerprintRoots([])
    ) -> ([Finding], SuppressionCounts, [SuppressedFinding]) {
        var counts = SuppressionCounts()
        var hidden: [SuppressedFinding] = []
        var findings: [Finding] = []
        var copies: [BlobID: [ScannedBlob]] = [:]
        for blob in blobs {
            if let id = blob.id ?? blob.filePath.flatMap(registry.lateID(of:)) {
                copies[id, default: []].append(blob)
                continue
            }
            for finding in blob.findings {
                findings += suppression.surviving([finding.fingerprinted(relativeTo: roots)], counts: &counts, hidden: &hidden)
            }
        }
        for (id, scanned) in copies {
            // Equal bytes give equal findings: the first place speaks for them all.
            let canonical = scanned.min { Provenance.reportOrder($0.provenance, $1.provenance) }!  // non-empty
            var places = Set(scanned.map(\.provenance))
            places.formUnion(registry.duplicates(of: id))
            // A history blob's unattributed places give way to the introductions found for them.
            let attributed = Set(places.compactMap { place -> String? in
                if case .gitBlob(let repository, let commit, _) = place, !commit.isEmpty { return repository }
                return nil
            })
            places = places.filter { place in
                if case .gitBlob(let repository, let commit, _) = place, commit.isEmpty { return !attributed.contains(repository) }
                return true
            }
            let ordered = places.sorted(by: Provenance.reportOrder)
            for finding in canonical.findings {
                let perPlace = ordered.map {
                    ($0 == canonical.provenance ? finding : finding.moved(to: $0)).fingerprinted(relativeTo: roots)
                }
                let surviving = suppression.surviving(perPlace, counts: &counts, hidden: &hidden)
                guard var first = surviving.first else { continue }
                if surviving.count > 1 { first.locations = surviving.map(\.location) }
                findings.append(first)
            }
        }
        return (findings, counts, hidden)
    }

    /// One worker: its own engine scratch, read buffers and partial result.
    private func work(_ queue: WorkQueue, _ registry: BlobRegistry, _ meter: ProgressMeter, _ deferred: DeferredArchives) -> WorkerOutput {
        let scanner = BlobScanner(engine: engine, analyzers: analyzers)
        let reader = FileReader(maxFileSize: options.maxFileSize)
        // Re-reads only hash, so they map every file: no second buffer grows to a megabyte per worker.
        let rereader = FileReader(maxFileSize: options.maxFileSize, mapThreshold: 0)
        func rehash(_ path: NativePath) -> BlobID? {
            guard case .read(let id, _) = rereader.withContents(ofFileAt: path, { BlobID.sha256(of: $0) }) else { return nil }
            return id
        }
        var output = WorkerOutput()
        while let item = queue.pop() {
            defer { queue.finished() }
            func body(_ bytes: UnsafeRawBufferPointer) -> (FindingBuilder.Output, BlobID?)? {
                switch registry.admit(item, bytes: bytes, rehash: rehash) {
                case .duplicate: return nil
                case .scan(let id):
                    let (built, failure, fallback) = scanner.findings(in: bytes, at: item.provenance)
                    if let failure { output.errors.append(PathError(provenance: item.provenance, reason: failure)) }
                    if let fallback { output.readAsText.append(StructureFallback(path: item.provenance.displayPath, reason: fallback)) }
                    return (built, id)
                }
            }
            let outcome: FileReader.Outcome<(FindingBuilder.Output, BlobID?)?> = switch item.content {
            case .file(let path): reader.withContents(ofFileAt: path, body)
            case .standardInput: reader.withStandardInput(body)
            case .bytes(let bytes): bytes.withUnsafeBytes { reader.withBytes($0, body) }
            }
            switch outcome {
            case .read(let built, let byteCount):
                meter.add(bytes: byteCount)
                output.filesScanned += 1
                output.bytesScanned += byteCount
                if let (built, id) = built, !built.findings.isEmpty || !built.allowed.isEmpty {
                    output.blobs.append(ScannedBlob(provenance: item.provenance, filePath: item.filePath, id: id, findings: built.all))
                }
            case .skipped(let reason):
                output.skipped.append(SkippedPath(provenance: item.provenance, reason: reason))
            case .archive(let kind):
                // A file that is an image or an archive is read after the files. Bytes a source
                // holds (a git blob, a layer member) were already opened as far as they go.
                if case .file(let display) = item.provenance, let path = item.filePath, kind == .tar || options.maxArchiveDepth > 0 {
                    deferred.add(DeferredArchive(path: path, displayPath: display))
                } else {
                    output.skipped.append(SkippedPath(provenance: item.provenance, reason: .binary))
                }
            case .failed(let reason):
                output.errors.append(PathError(provenance: item.provenance, reason: reason))
            }
        }
        output.limitHits = scanner.worker.limitHits
        return output
    }
}

/// A blob that was scanned and had findings (inline-allowed ones included), at its first place.
struct ScannedBlob: Sendable {
    var provenance: Provenance
    /// For a file: where it was read (a late id is found by it).
    var filePath: NativePath?
    /// Its content id, when it was hashed before the scan (a first-of-its-size file may get one later).
    var id: BlobID?
    var findings: [Finding]
}

/// What one worker did.
struct WorkerOutput: Sendable {
    var blobs: [ScannedBlob] = []
    var errors: [PathError] = []
    var skipped: [SkippedPath] = []
    var readAsText: [StructureFallback] = []
    var filesScanned = 0
    var bytesScanned = 0
    /// By rule index.
    var limitHits: [Int: Int] = [:]
}

/// The sink the sources produce into: blobs go to the workers' queue, skips and errors are kept.
/// Used only on the thread running the sources.
private final class ProducedSink: BlobSink {
    let queue: WorkQueue
    var skipped: [SkippedPath] = []
    var errors: [PathError] = []
    var repositories: [GitRepository] = []
    var workingTrees: [FileEntry] = []
    var images: [ImageListing] = []
    let meter: ProgressMeter
    /// Layers of the images read before the current one.
    private var layersBefore = (read: 0, total: 0)
    private var current = (read: 0, total: 0)

    init(queue: WorkQueue, meter: ProgressMeter) {
        self.queue = queue
        self.meter = meter
    }

    func emit(_ item: BlobItem) { queue.push(item) }
    func skip(_ skipped: SkippedPath) { self.skipped.append(skipped) }
    func fail(_ error: PathError) { errors.append(error) }
    func repository(_ repository: GitRepository) { repositories.append(repository) }
    func workingTree(_ entry: FileEntry) { workingTrees.append(entry) }
    func image(_ listing: ImageListing) {
        images.append(listing)
        layersBefore = (layersBefore.read + current.read, layersBefore.total + current.total)
        current = (0, 0)
    }

    func layers(read: Int, of total: Int) {
        current = (read, total)
        meter.layers(read: layersBefore.read + read, of: layersBefore.total + total)
    }
}

/// A file the workers found to be an image or an archive.
struct DeferredArchive: Sendable {
    var path: NativePath
    var displayPath: String
}

/// The archives the workers found, in the order found.
/// `@unchecked Sendable`: `found` is only touched while holding `lock`.
final class DeferredArchives: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [DeferredArchive] = []

    func add(_ archive: DeferredArchive) { lock.withLock { found.append(archive) } }

    /// What was found since the last call, sorted by path (the report must not depend on timing).
    func take() -> [DeferredArchive] {
        lock.withLock {
            defer { found = [] }
            return found.sorted { $0.displayPath < $1.displayPath }
        }
    }
}
