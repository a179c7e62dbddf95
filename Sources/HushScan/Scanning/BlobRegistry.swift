import Foundation

/// Which content this scan has already scanned, shared by every worker: a blob whose bytes were
/// scanned before is not scanned again, and is recorded as one more place of that content.
///
/// Hashing every file would cost a fifth of the scan (SHA-256 at ~1 GB/s against a scan at
/// ~180 MB/s a core), so files are first told apart by size: a file whose size no earlier file
/// had cannot be a copy and is scanned unhashed. The second file of a size hashes itself and, by
/// reading it again, the first (its id is kept as a late id). Blobs a source holds in memory are
/// hashed (or carry the source's id), since they cannot be read twice.
///
/// Two workers may both scan equal content when one meets it while another is still hashing the
/// first of its size; both then hold the same id, and `Scan` merges them into one finding with two
/// places, so the report does not depend on timing.
///
/// `@unchecked Sendable`: every stored property is read and written only while holding `lock`.
final class BlobRegistry: @unchecked Sendable {
    /// What a worker should do with a blob.
    enum Admission {
        /// Scan it; `id` is its content id when it was hashed.
        case scan(id: BlobID?)
        /// Its content was scanned already (or is being scanned) under `id`: record a place.
        case duplicate(id: BlobID)
    }

    private let lock = NSLock()
    /// By file size: the offset in `firstPaths` of the one file of that size so far (scanned
    /// unhashed, to be read again if a second comes), or `hashed` once every file of it is hashed.
    /// Compact on purpose: one entry per distinct size of the whole tree.
    private var sizes: [Int: Int32] = [:]
    private static let hashed: Int32 = -1
    /// The paths of first-of-their-size files, each as a length byte pair and its bytes.
    private var firstPaths: [UInt8] = []
    private var scannedIDs: Set<BlobID.Key> = []
    /// The ids of first-of-their-size files, learned when a second file of the size came.
    private var lateIDs: [NativePath: BlobID] = [:]
    /// Places whose content was not scanned again, by content id.
    private var duplicatePlaces: [BlobID: [Provenance]] = [:]

    /// Decides for `item`, whose bytes are `bytes`. `rehash` reads an earlier file again and
    /// returns its id (nil when it can no longer be read as it was).
    func admit(_ item: BlobItem, bytes: UnsafeRawBufferPointer, rehash: (NativePath) -> BlobID?) -> Admission {
        switch item.content {
        case .standardInput:
            return .scan(id: nil)
        case .bytes:
            return claim(item.knownID ?? BlobID.sha256(of: bytes), for: item.provenance)
        case .file(let path):
            if let known = item.knownID { return claim(known, for: item.provenance) }
            enum Step { case firstOfSize, hashAfter(NativePath), hash }
            let step: Step = lock.withLock {
                switch sizes[bytes.count] {
                case nil:
                    // A path too long to keep compactly (over 64 KiB) is hashed at once instead.
                    guard path.bytes.count <= Int(UInt16.max), firstPaths.count < Int(Int32.max) - 65_538 else {
                        sizes[bytes.count] = Self.hashed
                        return .hash
                    }
                    sizes[bytes.count] = Int32(firstPaths.count)
                    firstPaths.append(UInt8(path.bytes.count >> 8))
                    firstPaths.append(UInt8(path.bytes.count & 0xFF))
                    firstPaths.append(contentsOf: path.bytes)
                    return .firstOfSize
                case Self.hashed:
                    return .hash
                case let offset?:
                    sizes[bytes.count] = Self.hashed
                    let start = Int(offset)
                    let length = Int(firstPaths[start]) << 8 | Int(firstPaths[start + 1])
                    return .hashAfter(NativePath(bytes: Array(firstPaths[(start + 2)..<(start + 2 + length)])))
                }
            }
            switch step {
            case .firstOfSize:
                return .scan(id: nil)
            case .hashAfter(let first):
                if let firstID = rehash(first) {
                    lock.withLock {
                        scannedIDs.insert(firstID.key)
                        lateIDs[first] = firstID
                    }
                }
            case .hash:
                break
            }
            return claim(BlobID.sha256(of: bytes), for: item.provenance)
        }
    }

    private func claim(_ id: BlobID, for place: Provenance) -> Admission {
        lock.withLock {
            if scannedIDs.insert(id.key).inserted { return .scan(id: id) }
            duplicatePlaces[id, default: []].append(place)
            return .duplicate(id: id)
        }
    }

    /// After the scan: the id learned late for a first-of-its-size file.
    func lateID(of path: NativePath) -> BlobID? {
        lock.withLock { lateIDs[path] }
    }

    /// After the scan: the places of `id` that were not scanned again.
    func duplicates(of id: BlobID) -> [Provenance] {
        lock.withLock { duplicatePlaces[id] ?? [] }
    }

    /// After the scan: how many places were not scanned again.
    var duplicateCount: Int {
        lock.withLock { duplicatePlaces.values.reduce(0) { $0 + $1.count } }
    }
}
