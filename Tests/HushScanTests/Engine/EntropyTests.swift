import Testing
@testable import HushScan

@Suite struct EntropyTests {
    @Test func entropyOfKnownStrings() {
        #expect(Entropy.bitsPerByte(Array("aaaaaaaa".utf8)) == 0)
        #expect(Entropy.bitsPerByte(Array("abababab".utf8)) == 1)
        #expect(Entropy.bitsPerByte(Array("abcdefgh".utf8)) == 3)
        #expect(Entropy.bitsPerByte((0...255).map { UInt8($0) }) == 8)
    }
}
