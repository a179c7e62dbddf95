import Foundation
import Testing

@testable import HushScan

/// A minimal tar writer for the tests: ustar headers with real checksums, pax and GNU long-name
/// records, so the reader is tested on bytes whose every field the test chose.
private struct TarWriter {
    var bytes: [UInt8] = []

    mutating func header(_ name: String, size: Int, type: Character = "0", link: String = "", base256Size: Bool = false) {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in text.utf8.prefix(length).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            put(String(String(value, radix: 8).suffix(length - 1)).leftPadded(to: length - 1), at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(0o644, at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        if base256Size {
            block[124] = 0x80
            for index in 0..<8 { block[135 - index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
        } else {
            octal(size, at: 124, length: 12)
        }
        octal(0, at: 136, length: 12)
        block[156] = type.asciiValue!
        put(link, at: 157, length: 100)
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        for index in 148..<156 { block[index] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        octal(sum, at: 148, length: 7)
        bytes += block
    }

    mutating func data(_ content: [UInt8]) {
        bytes += content
        bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    mutating func file(_ name: String, _ text: String) {
        header(name, size: text.utf8.count)
        data(Array(text.utf8))
    }

    mutating func end() {
        bytes += [UInt8](repeating: 0, count: 1024)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

@Suite struct TarIndexTests {
    private func index(_ writer: TarWriter) -> TarIndex {
        writer.bytes.withUnsafeBytes { TarIndex($0) }
    }

    @Test func listsMembersWithTheirDataRanges() {
        var tar = TarWriter()
        tar.file("./manifest.json", "[]")
        tar.header("blobs/", size: 0, type: "5")
        tar.file("blobs/sha256/abc", "hello")
        tar.end()
        let listed = index(tar)
        #expect(listed.problem == nil)
        #expect(listed.members.map(\.name) == ["manifest.json", "blobs", "blobs/sha256/abc"])
        #expect(listed.members.map(\.kind) == [.file, .directory, .file])
        let data = listed.members[2].data
        #expect(Array(tar.bytes[data]) == Array("hello".utf8))
    }

    @Test func paxAndGNULongNamesNameTheMemberThatFollows() {
        let long = String(repeating: "d/", count: 80) + "file.txt"
        var tar = TarWriter()
        let record = " path=\(long)\n"
        let length = record.utf8.count + String(record.utf8.count + 3).count
        let pax = "\(length)" + record
        tar.header("PaxHeader", size: pax.utf8.count, type: "x")
        tar.data(Array(pax.utf8))
        tar.file("short-name", "pax")
        tar.header("././@LongLink", size: long.utf8.count + 1, type: "L")
        tar.data(Array(long.utf8) + [0])
        tar.file("truncated-nam", "gnu")
        tar.header("link", size: 0, type: "2", link: "target/file")
        tar.end()
        let listed = index(tar)
        #expect(listed.problem == nil)
        #expect(listed.members.map(\.name) == [long, long, "link"])
        #expect(listed.members[2].kind == .symlink && listed.members[2].linkTarget == "target/file")
    }

    @Test func aBase256SizeIsRead() {
        var tar = TarWriter()
        tar.header("big", size: 3, base256Size: true)
        tar.data(Array("abc".utf8))
        tar.end()
        #expect(index(tar).members.first?.data.count == 3)
    }

    @Test func aMemberPastTheEndStopsTheListingAndKeepsWhatCameBefore() {
        var tar = TarWriter()
        tar.file("first", "one")
        tar.header("second", size: 1 << 40, base256Size: true)
        tar.data(Array("short".utf8))
        let listed = index(tar)
        #expect(listed.members.map(\.name) == ["first"])
        #expect(listed.problem?.contains("past the end") == true)
    }

    @Test func aBadChecksumStopsTheListing() {
        var tar = TarWriter()
        tar.file("first", "one")
        tar.file("second", "two")
        tar.bytes[1024 + 10] ^= 0x01
        let listed = index(tar)
        #expect(listed.members.map(\.name) == ["first"])
        #expect(listed.problem?.contains("checksum") == true)
        #expect(tar.bytes.withUnsafeBytes { TarIndex.startsWithHeader($0) })
        #expect(![UInt8](repeating: 0x41, count: 512).withUnsafeBytes { TarIndex.startsWithHeader($0) })
    }
}

@Suite struct LayerListingTests {
    @Test func whiteoutsOpaqueDirectoriesAndOverwritesHideLowerFiles() {
        var layer = LayerListing()
        let markers = [
            layer.record("app/.wh.deleted.env", isDirectory: false), layer.record("opt/cache/.wh..wh..opq", isDirectory: false),
            layer.record("srv/settings.py", isDirectory: false),
            layer.record("var/lib", isDirectory: false),  // a file where a directory was
        ]
        #expect(markers == [true, true, false, false])
        #expect(layer.hides("app/deleted.env") == .whiteout)
        #expect(layer.hides("app/deleted.env/inside") == .whiteout)
        #expect(layer.hides("opt/cache/creds.txt") == .opaqueDirectory)
        #expect(layer.hides("opt/cache") == nil, "the opaque directory itself stays")
        #expect(layer.hides("srv/settings.py") == .overwritten)
        #expect(layer.hides("var/lib/data.db") == .parentReplaced)
        #expect(layer.hides("etc/app/config.yml") == nil)
        #expect(LayerListing.ancestors(of: "a/b/c") == ["a/b", "a"])
    }

    @Test func placesSpreadToEveryImageOfALayerWithTheirOwnFate() {
        var listing = ImageListing()
        listing.images = [
            ImageListing.Image(name: "a.tar (a:1)", layers: ["sha256:base", "sha256:top"]),
            ImageListing.Image(name: "b.tar (b:1)", layers: ["sha256:base"]),
        ]
        var top = LayerListing()
        top.record("etc/.wh.secret", isDirectory: false)
        listing.layers = ["sha256:top": top, "sha256:base": LayerListing()]
        let places = listing.places(of: .imageLayerEntry(image: "a.tar (a:1)", layerIndex: 0, layerDigest: "sha256:base", path: "etc/secret", fate: nil))
        #expect(places == [
            .imageLayerEntry(image: "a.tar (a:1)", layerIndex: 0, layerDigest: "sha256:base", path: "etc/secret", fate: LayerFate(layerIndex: 1, cause: .whiteout)),
            .imageLayerEntry(image: "b.tar (b:1)", layerIndex: 0, layerDigest: "sha256:base", path: "etc/secret", fate: nil),
        ])
        #expect(listing.places(of: .imageLayerEntry(image: "other", layerIndex: 0, layerDigest: "sha256:base", path: "x", fate: nil)) == nil)
    }
}

@Suite struct ImageNamingTests {
    @Test func digestsBecomeBlobNamesOnlyInTheirExactForm() {
        let hex = String(repeating: "ab", count: 32)
        #expect(ImageLayout.blobName("sha256:" + hex) == "blobs/sha256/" + hex)
        #expect(ImageLayout.blobName("sha256:" + hex.uppercased()) == nil)
        #expect(ImageLayout.blobName("sha256:../../etc/passwd") == nil)
        #expect(ImageLayout.blobName("md5:" + hex) == nil)
        #expect(ImageLayout.digest(inName: "blobs/sha256/" + hex) == "sha256:" + hex)
        #expect(ImageLayout.digest(inName: hex + ".json") == "sha256:" + hex)
        #expect(ImageLayout.digest(inName: hex + "/layer.tar") == nil)
        #expect(ImageLayout.shortDigest("sha256:" + hex) == "sha256:" + String(hex.prefix(12)))
        #expect(ImageLayout.storePath(ofImage: "images/app (v2).tar (example/app:1.0, linux/arm64)") == "images/app (v2).tar")
    }

    @Test func memberNamesThatClimbOutOrStartAtTheRootAreFlagged() {
        #expect(ArchiveWalker.normalize("./etc/passwd").0 == "etc/passwd" && ArchiveWalker.normalize("./etc/passwd").1 == nil)
        #expect(ArchiveWalker.normalize("../../etc/x").1?.contains("climbs out") == true)
        #expect(ArchiveWalker.normalize("a/../../x").1?.contains("climbs out") == true)
        #expect(ArchiveWalker.normalize("/abs/x").1?.contains("absolute") == true)
        #expect(ArchiveWalker.normalize("dir/").0 == "dir")
    }

    @Test func archivesAreToldByTheirFirstBytes() {
        #expect(ArchiveKind.of([0x1F, 0x8B, 8, 0]) == .compressed)
        #expect(ArchiveKind.of([0x28, 0xB5, 0x2F, 0xFD, 0]) == .compressed)
        #expect(ArchiveKind.of(Array("PK\u{3}\u{4}rest".utf8)) == .zip)
        #expect(ArchiveKind.of(Array("BZh91AY&SY".utf8)) == .compressed)
        #expect(ArchiveKind.of(Array("BZh is not bzip2".utf8)) == nil)
        #expect(ArchiveKind.of(Array("plain text".utf8)) == nil)
        var tar = TarWriter()
        tar.file("a", "b")
        #expect(ArchiveKind.of(tar.bytes) == .tar)
    }
}
