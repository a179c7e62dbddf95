import CArchive
import Foundation

/// Where an archive reader's bytes come from, a chunk at a time: a mapped blob, or the data of a
/// member of an enclosing archive (an archive inside an archive is streamed, never unpacked).
class ArchiveInput {
    /// The next chunk; empty at the end, nil when reading failed. Valid until the next call.
    func nextChunk() -> UnsafeRawBufferPointer? { nil }
    /// Bytes handed to the reader so far.
    fileprivate(set) var delivered = 0
}

/// A mapped blob, in chunks of 1 MiB, hashed as it streams past (the digest a manifest promises).
final class MemoryInput: ArchiveInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var digest: SHA256Stream?
    private var previousStart = 0
    private static let chunk = 1 << 20
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Drops the whole pages of a mapped range already read (they would be read again from the file if needed).
    private func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress, range.count >= Self.pageSize else { return }
        let start = Int(bitPattern: base) + range.lowerBound
        let end = Int(bitPattern: base) + range.upperBound
        let alignedStart = (start + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let alignedEnd = end / Self.pageSize * Self.pageSize
        guard alignedEnd > alignedStart, let pointer = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
        _ = madvise(pointer, alignedEnd - alignedStart, MADV_DONTNEED)
    }

    init(_ bytes: UnsafeRawBufferPointer, hashing: Bool) {
        self.bytes = bytes
        digest = hashing ? SHA256Stream() : nil
    }

    override func nextChunk() -> UnsafeRawBufferPointer? {
        // libarchive is done with the chunk it had (a callback's buffer lives until the next call):
        // give its pages back, so a mapped image costs a chunk of memory, not its size.
        release(previousStart..<offset)
        previousStart = offset
        let end = min(bytes.count, offset + Self.chunk)
        let piece = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
        digest?.add(piece)
        offset = end
        delivered = end
        return piece
    }

    /// The SHA-256 of the whole blob (hashing what the reader did not need to read), in hex, when
    /// asked for; the mapped pages are given back either way.
    func finish() -> String? {
        defer {
            release(previousStart..<bytes.count)
            previousStart = bytes.count
            offset = bytes.count
        }
        guard var digest else { return nil }
        digest.add(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        self.digest = nil
        return digest.finishHex()
    }
}

/// The data of the current member of `parent`, after the `prefix` already read from it.
final class MemberInput: ArchiveInput {
    private let parent: ArchiveReader
    /// A copy of the prefix the reader may point into until its next call.
    private let prefix: UnsafeMutableRawBufferPointer
    private var prefixGiven = false

    init(parent: ArchiveReader, prefix: [UInt8]) {
        self.parent = parent
        self.prefix = UnsafeMutableRawBufferPointer.allocate(byteCount: max(prefix.count, 1), alignment: 16)
        self.prefix.copyBytes(from: prefix)
        prefixLength = prefix.count
    }

    private let prefixLength: Int

    deinit {
        prefix.deallocate()
    }

    override func nextChunk() -> UnsafeRawBufferPointer? {
        if !prefixGiven {
            prefixGiven = true
            if prefixLength > 0 {
                delivered += prefixLength
                return UnsafeRawBufferPointer(rebasing: prefix[0..<prefixLength])
            }
        }
        switch parent.nextDataBlock() {
        case .block(let block):
            delivered += block.count
            return block
        case .end: return UnsafeRawBufferPointer(start: nil, count: 0)
        case .failed: return nil
        }
    }
}

/// How many bytes the readers of one blob (a layer, an archive file) and of every archive nested
/// in it may produce together: nested archives draw on their parent's allowance, so a thousand
/// small bombs inside one layer cannot each take a fresh one.
final class ExpansionBudget {
    let limit: Int
    fileprivate(set) var used = 0
    /// Someone told the user the limit was passed: the readers above need not say it again.
    var exhaustionReported = false

    init(limit: Int) {
        self.limit = limit
    }
}

/// One member of an archive as libarchive describes it.
struct ArchiveMember: Sendable {
    enum Kind: Sendable { case file, directory, symlink, hardlink, device, fifoOrSocket, other }
    /// As stored (leading `./` and `/` left for the caller to judge).
    var name: String
    var kind: Kind
    /// The declared size, when the format states it before the data.
    var size: Int?
    var linkTarget: String
}

/// A libarchive reader (tar of any flavour, zip and its kin) over an `ArchiveInput`, through any
/// of the filters libarchive has (gzip, zstd, xz, bzip2...). Owns its `struct archive`; one thread.
///
/// Every read is bounded: `expansionLimit` caps the bytes decompressed from the input, so a
/// decompression bomb or a stream that never ends is stopped with a reason instead of running on.
final class ArchiveReader {
    enum Formats { case tar, tarOrZip }
    enum Next {
        case member(ArchiveMember)
        case end
        case failed(String)
    }
    enum Block {
        case block(UnsafeRawBufferPointer)
        case end
        case failed(String)
    }

    private let handle: OpaquePointer
    private let input: ArchiveInput
    /// Most bytes this reader may produce from its input.
    private let budget: ExpansionBudget
    /// This reader's output already charged to the budget.
    private var charged = 0
    /// Bytes of member data handed out (a zip entry inflates inside the format, past the filters' count).
    private var dataBytes = 0
    private(set) var stopped: String?
    /// The expansion limit stopped it (a bomb), rather than damage.
    private(set) var stoppedByLimit = false
    /// The walker already told the user why the reader stopped (at the member it was reading).
    var stopReported = false

    /// Opens a reader; nil when libarchive cannot allocate one.
    init?(input: ArchiveInput, formats: Formats, budget: ExpansionBudget) {
        guard let handle = archive_read_new() else { return nil }
        self.handle = handle
        self.input = input
        self.budget = budget
        archive_read_support_filter_all(handle)
        archive_read_support_format_tar(handle)
        if formats == .tarOrZip {
            archive_read_support_format_zip(handle)
        }
        let client = Unmanaged.passUnretained(input).toOpaque()
        if archive_read_open(handle, client, nil, archiveReadCallback, nil) != ARCHIVE_OK {
            stopped = errorText
        }
    }

    deinit {
        archive_read_free(handle)
    }

    /// The next member's header.
    func next() -> Next {
        if let stopped { return .failed(stopped) }
        pending = UnsafeRawBufferPointer(start: nil, count: 0)
        let entry = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: 1)
        defer { entry.deallocate() }
        let status = archive_read_next_header(handle, entry)
        if status == ARCHIVE_EOF { return .end }
        if let over = overLimit() { return stop(over, byLimit: true) }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let member = entry.pointee else {
            stopped = errorText
            return .failed(errorText)
        }
        let name = Self.text(archive_entry_pathname(member)) ?? Self.text(archive_entry_pathname_utf8(member)) ?? ""
        let kind: ArchiveMember.Kind
        if archive_entry_hardlink(member) != nil {
            kind = .hardlink
        } else if hush_archive_entry_is_regular(member) != 0 {
            kind = .file
        } else if hush_archive_entry_is_directory(member) != 0 {
            kind = .directory
        } else if hush_archive_entry_is_symlink(member) != 0 {
            kind = .symlink
        } else if hush_archive_entry_is_device(member) != 0 {
            kind = .device
        } else if hush_archive_entry_is_fifo_or_socket(member) != 0 {
            kind = .fifoOrSocket
        } else {
            kind = .other
        }
        let link = Self.text(archive_entry_hardlink(member)) ?? Self.text(archive_entry_symlink(member)) ?? ""
        let size = archive_entry_size_is_set(member) != 0 ? Int(archive_entry_size(member)) : nil
        return .member(ArchiveMember(name: name, kind: kind, size: size, linkTarget: link))
    }

    /// Up to `count` bytes of the current member's data (fewer at its end).
    ///
    /// Data is only ever taken block by block (`archive_read_data_block`), never mixed with
    /// `archive_read_data`, whose own buffering would swallow the rest of a block a nested
    /// reader then asks for; the part of a block not yet used waits in `pending`.
    func read(upTo count: Int) -> Result<[UInt8], ArchiveReadFailure> {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buffer, initialized in
            initialized = 0
            while initialized < count {
                switch nextDataBlock(limit: count - initialized) {
                case .block(let block):
                    guard let base = block.baseAddress, block.count > 0 else { continue }
                    (buffer.baseAddress! + initialized).initialize(from: base.assumingMemoryBound(to: UInt8.self), count: block.count)  // count > 0 here
                    initialized += block.count
                case .end:
                    return
                case .failed(let reason):
                    failure = reason
                    return
                }
            }
        }
        if let failure { return .failure(ArchiveReadFailure(reason: failure)) }
        return .success(bytes)
    }

    /// What is left of the last block libarchive gave (valid until the next libarchive call).
    private var pending = UnsafeRawBufferPointer(start: nil, count: 0)

    /// The next block of the current member's data, as libarchive holds it (no copy), at most
    /// `limit` bytes of it.
    func nextDataBlock(limit: Int = .max) -> Block {
        if pending.count > 0 {
            let piece = UnsafeRawBufferPointer(rebasing: pending.prefix(limit))
            pending = UnsafeRawBufferPointer(rebasing: pending.dropFirst(piece.count))
            return .block(piece)
        }
        if let stopped { return .failed(stopped) }
        var buffer: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        let status = archive_read_data_block(handle, &buffer, &size, &offset)
        if status == ARCHIVE_EOF { return .end }
        if let over = overLimit() {
            stopped = over
            stoppedByLimit = true
            return .failed(over)
        }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
            stopped = errorText
            return .failed(errorText)
        }
        let block = UnsafeRawBufferPointer(start: buffer, count: size)
        dataBytes += size
        if let over = overLimit() {
            stopped = over
            stoppedByLimit = true
            return .failed(over)
        }
        let piece = UnsafeRawBufferPointer(rebasing: block.prefix(limit))
        pending = UnsafeRawBufferPointer(rebasing: block.dropFirst(piece.count))
        return .block(piece)
    }

    /// Passes over the rest of the current member's data. Through a filter the data is read block
    /// by block (each under the expansion limit); from plain bytes libarchive just moves on.
    func skipData() -> ArchiveReadFailure? {
        if let stopped { return ArchiveReadFailure(reason: stopped) }
        pending = UnsafeRawBufferPointer(start: nil, count: 0)
        // Only a plain tar skips without decoding; anything else is decoded block by block, each
        // block charged to the budget (libarchive's own skip of a zip entry inflates it unbounded).
        let plainTar = archive_filter_count(handle) <= 1 && archive_format(handle) & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR
        if plainTar {
            guard archive_read_data_skip(handle) == ARCHIVE_OK else {
                stopped = errorText
                return ArchiveReadFailure(reason: errorText)
            }
            return nil
        }
        while true {
            switch nextDataBlock() {
            case .block: continue
            case .end: return nil
            case .failed(let reason): return ArchiveReadFailure(reason: reason)
            }
        }
    }

    private func stop(_ reason: String, byLimit: Bool) -> Next {
        stopped = reason
        stoppedByLimit = byLimit
        return .failed(reason)
    }

    /// The budget this reader draws on, for the readers of archives nested in it.
    var budgetShared: ExpansionBudget { budget }

    /// Bytes produced from the input so far (after decompression).
    var produced: Int { Int(archive_filter_bytes(handle, 0)) }

    /// The bytes taken from the input so far (before decompression).
    var consumed: Int { input.delivered }

    private func overLimit() -> String? {
        let output = max(produced, dataBytes)
        budget.used += output - charged
        charged = output
        guard budget.used > budget.limit else { return nil }
        return "decompression stopped after \(Self.mebibytes(budget.used)) from \(Self.mebibytes(consumed)) of input, past the limit "
            + "of \(Self.mebibytes(budget.limit)) (a decompression bomb, or a stream that does not end)"
    }

    private static func mebibytes(_ bytes: Int) -> String {
        bytes < 1 << 20 ? "\(bytes) bytes" : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }

    private var errorText: String {
        Self.text(archive_error_string(handle)) ?? "unreadable archive (libarchive error \(archive_errno(handle)))"
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}

/// Why the data of an archive member could not be read.
struct ArchiveReadFailure: Error {
    var reason: String
}

/// libarchive's read callback: the input's next chunk. A C function, so it finds its input
/// through the client pointer (held unretained: the reader keeps the input alive).
private func archiveReadCallback(
    _ archive: OpaquePointer?, _ client: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?
) -> la_ssize_t {
    guard let client, let buffer else { return -1 }
    let input = Unmanaged<ArchiveInput>.fromOpaque(client).takeUnretainedValue()
    guard let chunk = input.nextChunk() else { return -1 }
    buffer.pointee = chunk.baseAddress
    return chunk.count
}
