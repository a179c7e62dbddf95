import Foundation

/// An image or an archive, opened by what its bytes are: a `docker save` tarball (legacy and
/// Docker 25+ layouts), an OCI layout as a tarball or a directory, or any other tar, compressed
/// tar or zip, whose members are read as files at `ARCHIVE!MEMBER`.
///
/// An image's layers are read in place from the mapped tarball (or the directory's blobs), several
/// at once on `readers` threads, each streamed through libarchive: nothing is unpacked, and memory
/// does not grow with the image. Every file of every layer is scanned, those a later layer deletes
/// or overwrites included; the config's `Env`, `Labels`, `Entrypoint`, `Cmd` and `history` are
/// scanned as fields. Each blob's digest is checked against its manifest while it streams past.
package struct ImageSource: BlobSource {
    let path: String
    let displayPath: String
    let isDirectory: Bool
    let maxFileSize: Int
    let maxArchiveDepth: Int
    let readers: Int

    package init(path: String, displayPath: String, isDirectory: Bool, maxFileSize: Int, maxArchiveDepth: Int, readers: Int) {
        self.path = path
        self.displayPath = displayPath
        self.isDirectory = isDirectory
        self.maxFileSize = maxFileSize
        self.maxArchiveDepth = maxArchiveDepth
        self.readers = max(1, readers)
    }

    private var walker: ArchiveWalker { ArchiveWalker(maxFileSize: maxFileSize, maxDepth: maxArchiveDepth) }

    package func produce(into sink: any BlobSink) {
        let shared = LockedSink(sink)
        if isDirectory {
            let store = ImageStore(directory: path, displayPath: displayPath)
            guard ImageLayout.isImage(store) else {
                shared.fail(PathError(path: displayPath, reason: "an OCI layout needs oci-layout and index.json; not read as an image"))
                return
            }
            readImages(store, into: shared)
            return
        }
        let file: MappedFile
        switch MappedFile.open(path) {
        case .success(let mapped): file = mapped
        case .failure(let error):
            shared.fail(PathError(path: displayPath, reason: error.reason))
            return
        }
        let head = file.slice(0..<ArchiveKind.probeLength)
        if TarIndex.startsWithHeader(head) {
            let index = TarIndex(file.bytes)
            let store = ImageStore(tar: file, index: index, displayPath: displayPath)
            if ImageLayout.isImage(store) {
                if let problem = index.problem { shared.fail(PathError(path: displayPath, reason: "image tarball \(problem); the members before it are read")) }
                readImages(store, into: shared)
                return
            }
        }
        guard ArchiveKind.of(head) != nil, maxArchiveDepth > 0 else {
            shared.skip(SkippedPath(path: displayPath, reason: .binary))
            return
        }
        readArchive(file, into: shared)
    }

    // MARK: archives

    /// A tar, compressed tar or zip that is not an image: its members are files at `PATH!MEMBER`.
    private func readArchive(_ file: MappedFile, into sink: LockedSink) {
        let input = MemoryInput(file.bytes, hashing: false)
        guard let reader = ArchiveReader(input: input, formats: .tarOrZip, budget: ExpansionBudget(limit: ArchiveWalker.expansionLimit(forInput: file.bytes.count))) else {
            sink.fail(PathError(path: displayPath, reason: "cannot open an archive reader"))
            return
        }
        let visitor = FileArchiveVisitor(sink: sink, archive: displayPath)
        walker.walk(reader, prefix: displayPath + "!", depth: 1, archiveName: displayPath, visitor: visitor)
        _ = input.finish()
        if visitor.unrecognized(displayPath) { sink.skip(SkippedPath(path: displayPath, reason: .binary)) }
    }

    // MARK: images

    private struct LayerJob {
        var blob: BlobReference
        var digest: String?
        var size: Int
        /// The image and index that name the layer in its places during the scan.
        var image: String
        var index: Int
    }

    private func readImages(_ store: ImageStore, into sink: LockedSink) {
        let (images, problems) = ImageLayout(store: store).images()
        for (name, reason) in problems { sink.fail(PathError(path: "\(displayPath)!\(name)", reason: reason)) }
        for image in images { readConfig(image, store, into: sink) }

        // Each layer blob once, however many images share it; the largest first, so the threads
        // finish together.
        var jobs: [LayerJob] = []
        var seen: [String: Int] = [:]
        for image in images {
            for (index, layer) in image.layers.enumerated() where seen[layer.blob.name] == nil {
                seen[layer.blob.name] = jobs.count
                let size = store.size(layer.blob.name) ?? 0
                jobs.append(LayerJob(blob: layer.blob, digest: layer.digest, size: size, image: image.name, index: index))
            }
        }
        let order = jobs.indices.sorted { jobs[$0].size > jobs[$1].size }
        let done = Locked(0)
        sink.layers(read: 0, of: jobs.count)
        let next = Locked(0)
        let results = Locked([Int: (digest: String, listing: LayerListing)]())
        let finished = DispatchGroup()
        let frozenJobs = jobs
        for _ in 0..<min(readers, max(1, jobs.count)) {
            finished.enter()
            let thread = Thread {
                while true {
                    var taken = -1
                    next.update { value in
                        if value < order.count { taken = order[value] }
                        value += 1
                    }
                    guard taken >= 0 else { break }
                    if let read = self.readLayer(frozenJobs[taken], store, into: sink) {
                        results.update { $0[taken] = read }
                    }
                    var count = 0
                    done.update { value in
                        value += 1
                        count = value
                    }
                    sink.layers(read: count, of: order.count)
                }
                finished.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        finished.wait()

        var listing = ImageListing()
        let read = results.value
        for image in images {
            let digests = image.layers.map { layer in
                seen[layer.blob.name].flatMap { read[$0]?.digest } ?? layer.digest ?? layer.blob.name
            }
            listing.images.append(ImageListing.Image(name: image.name, layers: digests))
        }
        for (_, value) in read { listing.layers[value.digest] = value.listing }
        sink.image(listing)
    }

    /// Reads one layer: every member through the walker, its listing kept; its digest checked.
    private func readLayer(_ job: LayerJob, _ store: ImageStore, into sink: LockedSink) -> (digest: String, listing: LayerListing)? {
        let slice: MappedSlice
        switch store.blob(job.blob.name) {
        case .success(let found): slice = found
        case .failure(let error):
            sink.fail(PathError(provenance: layerPlace(job, digest: job.digest ?? job.blob.name, path: ""), reason: error.reason))
            return nil
        }
        let bytes = slice.bytes
        let uncompressed = TarIndex.startsWithHeader(UnsafeRawBufferPointer(rebasing: bytes.prefix(ArchiveKind.probeLength)))
        // A digest for places is needed before the walk; only a legacy layer without diff ids lacks one.
        let digest = job.digest ?? "sha256:" + Hex.encode(ContentHash.sha256(bytes))
        let input = MemoryInput(bytes, hashing: job.blob.expectedDigest != nil)
        // An uncompressed layer expands to itself; what archives inside it may add is bounded all the same.
        let limit = ArchiveWalker.expansionLimit(forInput: bytes.count) + (uncompressed ? bytes.count : 0)
        guard let reader = ArchiveReader(input: input, formats: .tar, budget: ExpansionBudget(limit: limit)) else {
            sink.fail(PathError(provenance: layerPlace(job, digest: digest, path: ""), reason: "cannot open an archive reader"))
            return nil
        }
        let visitor = LayerVisitor(sink: sink, place: { path in layerPlace(job, digest: digest, path: path) })
        walker.walk(reader, prefix: "", depth: 0, archiveName: "", visitor: visitor)
        if let expected = job.blob.expectedDigest, let actual = input.finish().map({ "sha256:" + $0 }), expected.hasPrefix("sha256:") {
            // A legacy layer's expected digest is its uncompressed diff id: comparable only when stored uncompressed.
            let comparable = ImageLayout.digest(inName: job.blob.name) != nil || uncompressed
            if comparable && actual != expected {
                sink.fail(PathError(
                    provenance: layerPlace(job, digest: digest, path: ""),
                    reason: "digest mismatch: the manifest says \(expected), the blob \(job.blob.name) hashes to \(actual); scanned anyway"))
            }
        }
        return (digest, visitor.listing)
    }

    private func layerPlace(_ job: LayerJob, digest: String, path: String) -> Provenance {
        .imageLayerEntry(image: job.image, layerIndex: job.index, layerDigest: digest, path: path, fate: nil)
    }

    /// The config's fields, each a blob of its own (`config:Env[2]`).
    private func readConfig(_ image: ImageDescription, _ store: ImageStore, into sink: LockedSink) {
        guard let config = image.config else { return }
        let bytes: [UInt8]
        switch store.small(config.name) {
        case .success(let read): bytes = read
        case .failure(let error):
            sink.fail(PathError(provenance: .imageConfigField(image: image.name, field: "config"), reason: error.reason))
            return
        }
        if let expected = config.expectedDigest, expected.hasPrefix("sha256:"), case let actual = ImageLayout.sha256(bytes), actual != expected {
            sink.fail(PathError(
                provenance: .imageConfigField(image: image.name, field: "config"),
                reason: "digest mismatch: the manifest says \(expected), \(config.name) hashes to \(actual); scanned anyway"))
        }
        let document: ImageConfigDocument
        do {
            document = try JSONDecoder().decode(ImageConfigDocument.self, from: Data(bytes))
        } catch {
            sink.fail(PathError(provenance: .imageConfigField(image: image.name, field: "config"), reason: "not a valid image config (\(ImageLayout.describe(error)))"))
            return
        }
        for (field, text) in document.fields {
            sink.emit(BlobItem(provenance: .imageConfigField(image: image.name, field: field), content: .bytes(Array(text.utf8))))
        }
    }
}

/// A layer's members: files to scan at their place in the layer, and the listing of what the
/// layer writes and deletes.
private final class LayerVisitor: ArchiveVisitor {
    let sink: LockedSink
    let place: (String) -> Provenance
    var listing = LayerListing()

    init(sink: LockedSink, place: @escaping (String) -> Provenance) {
        self.sink = sink
        self.place = place
    }

    func met(_ path: String, kind: ArchiveMember.Kind) {
        listing.record(path, isDirectory: kind == .directory)
    }

    func file(_ path: String, bytes: [UInt8]) {
        sink.emit(BlobItem(provenance: place(path), content: .bytes(bytes)))
    }

    func skip(_ path: String, reason: SkipReason) {
        sink.skip(SkippedPath(provenance: place(path), reason: reason))
    }

    func problem(_ path: String, _ problem: ArchiveProblem) {
        sink.fail(PathError(provenance: place(path), reason: problem.reason))
    }
}

/// An archive's members as files at `ARCHIVE!MEMBER`.
private final class FileArchiveVisitor: ArchiveVisitor {
    let sink: LockedSink
    let archive: String
    private var metAny = false
    private var firstFailure: String?
    private var damageReported = false

    init(sink: LockedSink, archive: String) {
        self.sink = sink
        self.archive = archive
    }

    func met(_ path: String, kind: ArchiveMember.Kind) {}

    func file(_ path: String, bytes: [UInt8]) {
        metAny = true
        sink.emit(BlobItem(provenance: .file(path: path), content: .bytes(bytes)))
    }

    func skip(_ path: String, reason: SkipReason) {
        metAny = true
        sink.skip(SkippedPath(path: path, reason: reason))
    }

    func problem(_ path: String, _ problem: ArchiveProblem) {
        switch problem {
        case .hostile(let reason):
            metAny = true
            sink.fail(PathError(path: path, reason: reason))
        case .damaged:
            // An archive file in a tree that cannot be read on (a truncated test tarball, a
            // compressed file that holds no archive) is a skip, like the binary file it is.
            if !metAny && firstFailure == nil { firstFailure = path }
            if !damageReported && metAny { sink.skip(SkippedPath(path: archive, reason: .unreadableArchive)) }
            damageReported = true
        }
    }

    /// Whether the archive at `path` turned out not to be one at all.
    func unrecognized(_ path: String) -> Bool { !metAny && firstFailure != nil }
}
