import Testing
@testable import HushScan

@Suite struct ByteSizeTests {
    @Test(arguments: [
        ("1048576", 1_048_576), ("0", 0), ("25MB", 25_000_000), ("25 MiB", 25 << 20), ("1GiB", 1 << 30),
        ("512k", 512_000), ("512KiB", 512 << 10), ("2gb", 2_000_000_000), ("7b", 7),
    ])
    func parses(text: String, bytes: Int) {
        #expect(ByteSize(parsing: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "MB", "-1", "1.5MB", "10 parsecs", "99999999999999999999", "9999999999999GiB"])
    func rejects(text: String) {
        #expect(ByteSize(parsing: text) == nil)
    }

    @Test func describesInTheLargestEvenBinaryUnit() {
        #expect(ByteSize(bytes: 25 << 20).description == "25 MiB")
        #expect(ByteSize(bytes: 1000).description == "1000 bytes")
    }
}
