import Foundation
import HushTestSupport
import Testing
@testable import HushScan

@Suite struct FileReaderTests {
    /// Reads `path` and returns the outcome with the bytes copied out.
    private func read(_ path: String, max: Int = 1 << 20, mapThreshold: Int = 1 << 20) -> FileReader.Outcome<[UInt8]> {
        FileReader(maxFileSize: max, mapThreshold: mapThreshold).withContents(ofFileAt: NativePath(path)) { Array($0) }
    }

    @Test func smallFilesAreRead() throws {
        let dir = try ScratchFolder()
        let path = try dir.write("a.txt", "hello")
        guard case .read(let bytes, let count) = read(path) else { Issue.record("not read"); return }
        #expect(bytes == Array("hello".utf8) && count == 5)
    }

    @Test func largeFilesAreMappedWithTheSameBytes() throws {
        let dir = try ScratchFolder()
        let content = (0..<10_000).map { UInt8(65 + $0 % 26) }
        let path = try dir.write("big.txt", bytes: content)
        guard case .read(let bytes, _) = read(path, mapThreshold: 1024) else { Issue.record("not read"); return }
        #expect(bytes == content)
    }

    @Test func emptyFilesAreReadAsEmpty() throws {
        let dir = try ScratchFolder()
        let path = try dir.write("empty", "")
        guard case .read(let bytes, 0) = read(path) else { Issue.record("not read"); return }
        #expect(bytes.isEmpty)
    }

    @Test func aNulInTheFirst8KiBMeansBinary() throws {
        let dir = try ScratchFolder()
        let early = try dir.write("early.bin", bytes: [0x41, 0x00, 0x42])
        let late = try dir.write("late.txt", bytes: Array(repeating: 0x41, count: 9000) + [0])
        guard case .skipped(.binary) = read(early) else { Issue.record("not binary"); return }
        guard case .read = read(late) else { Issue.record("a NUL after 8 KiB made it binary"); return }
    }

    @Test func invalidUTF8IsStillText() throws {
        let dir = try ScratchFolder()
        let path = try dir.write("latin1.txt", bytes: [0x63, 0x61, 0x66, 0xE9, 0xFF, 0x0A])
        guard case .read(let bytes, _) = read(path) else { Issue.record("not read"); return }
        #expect(bytes.count == 6)
    }

    @Test func oversizeFilesAreSkippedBeforeReading() throws {
        let dir = try ScratchFolder()
        let path = try dir.write("big.txt", String(repeating: "x", count: 101))
        guard case .skipped(.tooLarge) = read(path, max: 100) else { Issue.record("not skipped"); return }
        guard case .read = read(path, max: 101) else { Issue.record("a file at the limit was skipped"); return }
    }

    @Test func fifosAreNeverReadFrom() throws {
        let dir = try ScratchFolder()
        try dir.fifo("pipe")
        // O_NONBLOCK opens a FIFO without a writer at once; fstat then rejects it.
        guard case .skipped(.specialFile) = read(dir.path + "/pipe") else { Issue.record("FIFO not skipped"); return }
    }

    @Test func linksAreNotOpened() throws {
        let dir = try ScratchFolder()
        try dir.write("a.txt", "a")
        try dir.symlink("link", to: "a.txt")
        guard case .failed = read(dir.path + "/link") else { Issue.record("a link was followed"); return }
    }

    @Test func theBufferIsReusedAcrossFilesOfDifferentSizes() throws {
        let dir = try ScratchFolder()
        let reader = FileReader(maxFileSize: 1 << 20)
        let big = try dir.write("big", String(repeating: "b", count: 200_000))
        let small = try dir.write("small", "s")
        guard case .read(let first, _) = reader.withContents(ofFileAt: NativePath(big), { Array($0) }),
              case .read(let second, _) = reader.withContents(ofFileAt: NativePath(small), { Array($0) })
        else { Issue.record("not read"); return }
        #expect(first.count == 200_000 && second == [UInt8(ascii: "s")])
    }
}
