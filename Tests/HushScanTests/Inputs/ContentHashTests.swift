import Testing
@testable import HushScan

@Suite struct ContentHashTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    // Known-answer vectors from FIPS 180-4's examples (NIST CSRC), covering 0, 1 and 2 padding blocks.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownAnswers(message: String, digest: String) {
        #expect(hex(Array(message.utf8).withUnsafeBytes { ContentHash.sha256($0) }) == digest)
        #expect(Array(message.utf8).withUnsafeBytes { BlobID.sha256(of: $0) }.description == "sha256:" + digest)
    }

    @Test func piecesHashAsTheirConcatenation() {
        let message = Array(String(repeating: "hush", count: 40).utf8)
        let pieces = [Array(message[..<7]), Array(message[7..<70]), Array(message[70...])]
        #expect(ContentHash.sha256(pieces: pieces) == message.withUnsafeBytes { ContentHash.sha256($0) })
    }

    @Test func idsOfDifferentSchemesNeverMatch() {
        let digest = [UInt8](repeating: 7, count: 32)
        #expect(BlobID(scheme: .sha256, digest: digest) != BlobID(scheme: .gitBlob, digest: digest))
    }

    @Test func fingerprintIsStableAndSensitiveToEachPart() {
        let base = Fingerprint.of(ruleID: "r", path: "a/b.txt", secret: "s3cret")
        #expect(base.count == 64)
        #expect(base == Fingerprint.of(ruleID: "r", path: "./a/b.txt", secret: "s3cret"))
        #expect(base != Fingerprint.of(ruleID: "q", path: "a/b.txt", secret: "s3cret"))
        #expect(base != Fingerprint.of(ruleID: "r", path: "a/c.txt", secret: "s3cret"))
        #expect(base != Fingerprint.of(ruleID: "r", path: "a/b.txt", secret: "s3creT"))
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        #expect(Fingerprint.of(ruleID: "ab", path: "c", secret: "x") != Fingerprint.of(ruleID: "a", path: "bc", secret: "x"))
    }
}
