import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// UTF-16 files, with and without a byte-order mark, in both byte orders, are scanned as text and
/// report the line and column of the text; binary files with NULs stay binary.
@Suite struct UTF16FileTests {
    static func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }

    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func utf16TextIsScanned(_ littleEndian: Bool, _ bom: Bool) throws {
        let token = TestSecret.token("U")
        let dir = try ScratchFolder()
        try dir.write("settings.ini", bytes: Self.utf16("[db]\nhöst = x\ntoken = \(token.text)\n", littleEndian: littleEndian, bom: bom))
        let result = try scan([dir.path])
        let finding = try #require(result.findings.first)
        #expect(finding.secret == token.secret)
        #expect((finding.start.line, finding.start.column) == (3, 18))
        #expect(result.skipped.isEmpty)
    }

    @Test func binaryWithNULsIsStillBinary() throws {
        let dir = try ScratchFolder()
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in bytes.indices { bytes[i] = UInt8((i * 37) % 256) }
        try dir.write("blob.bin", bytes: bytes)
        let result = try scan([dir.path])
        #expect(result.skipped.map(\.reason) == [.binary])
    }
}
