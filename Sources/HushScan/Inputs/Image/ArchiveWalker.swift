/// What a walk through an archive meets, told as it goes (on the walking thread).
protocol ArchiveVisitor: AnyObject {
    /// A member of the outermost archive of the walk (a layer's own entries: the listing that
    /// tells later which files a later layer hides), by its normalized path.
    func met(_ path: String, kind: ArchiveMember.Kind)
    /// A regular file's text, at its path inside the walk (`app.jar!BOOT-INF/x.yml` inside archives).
    func file(_ path: String, bytes: [UInt8])
    func skip(_ path: String, reason: SkipReason)
    /// Something wrong with the archive at `path` (a member, or the archive itself when `path`
    /// names it): the walk says so and goes on where it can.
    func problem(_ path: String, _ problem: ArchiveProblem)
}

/// What went wrong in an archive.
enum ArchiveProblem: Sendable {
    /// The archive cannot be read on (truncated, corrupt, not the format it looked like).
    case damaged(String)
    /// The archive is built to hurt a reader: a decompression bomb, names that climb out of the
    /// root, links that point out of it.
    case hostile(String)

    var reason: String {
        switch self {
        case .damaged(let reason), .hostile(let reason): reason
        }
    }
}

/// Walks the members of an archive and of the archives inside it, down to `maxDepth` levels,
/// reading every regular file's bytes (up to `maxFileSize`) without writing anything anywhere.
///
/// The archive is attacker-controlled: names that climb out (`../`) or start at `/` are reported
/// and read under the name they have; links are never followed; devices and FIFOs are never read;
/// and every decompression runs under an expansion limit (`expansionLimit(forInput:)`).
struct ArchiveWalker {
    let maxFileSize: Int
    let maxDepth: Int

    /// Uncompressed bytes allowed for a compressed input of `size` bytes: generous for real data
    /// (a layer rarely expands tenfold), fatal for a bomb (gzip reaches ~1,000:1, zstd far more).
    static func expansionLimit(forInput size: Int?) -> Int {
        let slack = 256 << 20
        guard let size else { return 16 << 30 }
        let (scaled, overflow) = size.multipliedReportingOverflow(by: 100)
        return overflow ? Int.max : min(max(scaled, 0) + slack, 64 << 30)
    }

    /// Walks `reader`'s members, their paths prefixed with `prefix`; `depth` archive levels are
    /// already open around them (0 for an image layer, whose own tar is not an archive level).
    func walk(_ reader: ArchiveReader, prefix: String, depth: Int, archiveName: String, visitor: any ArchiveVisitor) {
        var first = true
        while true {
            let member: ArchiveMember
            switch reader.next() {
            case .end: return
            case .failed(let reason):
                if !reader.stopReported, !(reader.stoppedByLimit && reader.budgetShared.exhaustionReported) {
                    let text = first ? reason : "cannot read past a member: \(reason)"
                    if reader.stoppedByLimit { reader.budgetShared.exhaustionReported = true }
                    visitor.problem(archiveName, reader.stoppedByLimit ? .hostile(text) : .damaged(text))
                }
                return
            case .member(let next): member = next
            }
            first = false
            let (name, trouble) = Self.normalize(member.name.utf8.count > TarIndex.maximumNameLength
                ? String(decoding: member.name.utf8.prefix(TarIndex.maximumNameLength), as: UTF8.self) : member.name)
            let path = prefix + name
            if let trouble { visitor.problem(path, .hostile(trouble)) }
            if prefix.isEmpty { visitor.met(name, kind: member.kind) }
            switch member.kind {
            case .file:
                // A whiteout marker is empty; one with content is read like any file.
                if prefix.isEmpty && LayerListing.isMarker(name) && (member.size ?? 0) == 0 { continue }
                readFile(member, at: path, from: reader, depth: depth, visitor: visitor)
            case .hardlink:
                let (_, linkTrouble) = Self.normalize(member.linkTarget)
                if linkTrouble != nil {
                    visitor.problem(path, .hostile("hard link to '\(member.linkTarget)', outside the archive's root; not followed"))
                }
            case .device, .fifoOrSocket:
                visitor.skip(path, reason: .specialFile)
            case .directory, .symlink, .other:
                continue
            }
        }
    }

    private func readFile(_ member: ArchiveMember, at path: String, from reader: ArchiveReader, depth: Int, visitor: any ArchiveVisitor) {
        let probeLength = min(member.size ?? FileReader.binaryProbeLength, FileReader.binaryProbeLength)
        let probe: [UInt8]
        switch reader.read(upTo: probeLength) {
        case .success(let bytes): probe = bytes
        case .failure(let failure):
            report(failure, at: path, of: reader, to: visitor)
            return
        }
        if let kind = ArchiveKind.of(probe), depth < maxDepth {
            openNested(kind, member: member, probe: probe, at: path, from: reader, depth: depth, visitor: visitor)
            return
        }
        let binary = probe.contains(0)
        if binary || (member.size ?? 0) > maxFileSize {
            visitor.skip(path, reason: binary ? .binary : .tooLarge)
            if let failure = reader.skipData() { report(failure, at: path, of: reader, to: visitor) }
            return
        }
        let wanted = member.size.map { $0 - probe.count } ?? (maxFileSize + 1 - probe.count)
        switch reader.read(upTo: max(0, wanted)) {
        case .success(let rest):
            let bytes = rest.isEmpty ? probe : probe + rest
            if bytes.count > maxFileSize {
                visitor.skip(path, reason: .tooLarge)
                if let failure = reader.skipData() { report(failure, at: path, of: reader, to: visitor) }
                return
            }
            visitor.file(path, bytes: bytes)
        case .failure(let failure):
            report(failure, at: path, of: reader, to: visitor)
        }
    }

    private func openNested(
        _ kind: ArchiveKind, member: ArchiveMember, probe: [UInt8], at path: String, from reader: ArchiveReader,
        depth: Int, visitor: any ArchiveVisitor
    ) {
        let input = MemberInput(parent: reader, prefix: probe)
        guard let nested = ArchiveReader(input: input, formats: .tarOrZip, budget: reader.budgetShared) else {
            visitor.problem(path, .damaged("cannot open an archive reader"))
            return
        }
        let quiet = NestedProbe(visitor: visitor, archivePath: path, quietFirstFailure: kind == .compressed)
        walk(nested, prefix: path + "!", depth: depth + 1, archiveName: path, visitor: quiet)
        if quiet.unrecognized { visitor.skip(path, reason: .binary) }
        if let failure = reader.skipData() { report(failure, at: path, of: reader, to: visitor) }
    }

    private func report(_ failure: ArchiveReadFailure, at path: String, of reader: ArchiveReader, to visitor: any ArchiveVisitor) {
        reader.stopReported = reader.stopped != nil
        if reader.stoppedByLimit {
            guard !reader.budgetShared.exhaustionReported else { return }
            reader.budgetShared.exhaustionReported = true
        }
        let text = failure.reason + (reader.stopped != nil ? "; the rest of this archive is not read" : "")
        visitor.problem(path, reader.stoppedByLimit ? .hostile(text) : .damaged(text))
    }

    /// A member name as reported: without leading `./`, and why it is suspect when it climbs out
    /// of the root (`..`) or is absolute.
    static func normalize(_ name: String) -> (String, String?) {
        var trimmed = Substring(name)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        var trouble: String?
        if trimmed.hasPrefix("/") {
            trouble = "absolute member name; read in place, nothing is written"
        }
        if trimmed.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            trouble = "member name climbs out of the archive's root (..); read in place, nothing is written"
        }
        if trimmed.isEmpty && !name.isEmpty && name != "./" && name != "." { trouble = "member with an empty name" }
        return (String(trimmed), trouble)
    }
}

/// Passes a nested walk's reports on. Damage inside an archive within a file (a truncated test
/// tarball, a file that only looked like an archive) is a skip of that archive, not an error of
/// the scan: what could be read was scanned. A hostile archive is still an error.
private final class NestedProbe: ArchiveVisitor {
    let visitor: any ArchiveVisitor
    let archivePath: String
    var quietFirstFailure: Bool
    private(set) var unrecognized = false
    private var metAny = false
    private var damageReported = false

    init(visitor: any ArchiveVisitor, archivePath: String, quietFirstFailure: Bool) {
        self.visitor = visitor
        self.archivePath = archivePath
        self.quietFirstFailure = quietFirstFailure
    }

    func met(_ path: String, kind: ArchiveMember.Kind) {}

    func file(_ path: String, bytes: [UInt8]) {
        metAny = true
        visitor.file(path, bytes: bytes)
    }

    func skip(_ path: String, reason: SkipReason) {
        metAny = true
        visitor.skip(path, reason: reason)
    }

    func problem(_ path: String, _ problem: ArchiveProblem) {
        if case .damaged = problem, quietFirstFailure && !metAny && path == archivePath {
            // A compressed file that holds no archive (a gzipped man page) is just a binary file.
            unrecognized = true
            return
        }
        metAny = true
        switch problem {
        case .hostile: visitor.problem(path, problem)
        case .damaged:
            if !damageReported { visitor.skip(archivePath, reason: .unreadableArchive) }
            damageReported = true
        }
    }
}
