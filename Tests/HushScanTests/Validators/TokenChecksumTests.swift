import Testing
@testable import HushScan

/// Known-answer vectors generated independently with Python's `zlib.crc32` and a base62 encoder
/// (alphabet 0-9A-Za-z, left-padded with '0' to 6); random bodies from a seeded generator.
@Suite struct TokenChecksumTests {
    static let validGitHub = [
        "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",
        "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",
        "ghu_GNHOErDY9xRh3qtgsO1LqzxiXPN6gQ2ZEPiT",
        "ghs_wjSLou37acBh3pgzgIjnkKiDXw0LrY1f0iKW",
        "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",
        // Checksum 0x0d34e746 has only five base62 digits: exercises the left padding.
        "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",
    ]
    static let validNPM = [
        "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",
        "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",
    ]

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test(arguments: [(UInt32(0x3706_5910), "10TUq8"), (0xC6CB_DCFA, "3diMf4"), (0x0D34_E746, "0Ezghy"), (0, "000000"), (0xFFFF_FFFF, "4gfFC3")])
    func base62EncodesChecksums(value: UInt32, expected: String) {
        #expect(String(decoding: TokenChecksum.base62(value), as: UTF8.self) == expected)
    }

    @Test(arguments: validGitHub)
    func acceptsGitHubTokensWithTheirChecksum(token: String) {
        #expect(TokenChecksum.github.validate(token[...]) == .valid)
        #expect(TokenChecksum.npm.validate(token[...]) == .invalid)
    }

    @Test(arguments: validNPM)
    func acceptsNPMTokensWithTheirChecksum(token: String) {
        #expect(TokenChecksum.npm.validate(token[...]) == .valid)
        #expect(TokenChecksum.github.validate(token[...]) == .invalid)
    }

    @Test(arguments: validGitHub + validNPM)
    func rejectsAnySingleCharacterChange(token: String) {
        let checker = token.hasPrefix("npm_") ? TokenChecksum.npm : TokenChecksum.github
        var bytes = Array(token.utf8)
        for index in [4, 20, 33, bytes.count - 1] {
            let original = bytes[index]
            bytes[index] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(checker.validate(String(decoding: bytes, as: UTF8.self)[...]) == .invalid)
            bytes[index] = original
        }
    }

    @Test(arguments: ["ghp_short", "ghx_cqnLGp9NjmtNL1EihJvc7t3QMlJhc510TUq8", "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X",
                      "ghp_cqnLGp9NjmtNL1Eih-vc7t3QMlJhc510TUq8"])
    func rejectsMalformedTokens(token: String) {
        #expect(TokenChecksum.github.validate(token[...]) == .invalid)
    }

    @Test func registryNamesBothSchemes() {
        let input = ValidationInput(secret: Self.validNPM[0][...], match: Self.validNPM[0][...])
        #expect(Validator.registry["npm-crc32"]?.check(input) == .valid)
        #expect(Validator.registry["github-crc32"]?.check(input) == .invalid)
    }
}
