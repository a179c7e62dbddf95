import Testing
@testable import HushScan

/// Tokens built with Python (json + base64url + HMAC-SHA256 under a throwaway key).
@Suite struct JSONWebTokenTests {
    func check(_ token: String) -> Validation {
        JSONWebToken.validate(ValidationInput(secret: token[...], match: token[...]))
    }

    @Test func acceptsASignedToken() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IlN5bnRoZXRpYyBVc2VyIiwiaWF0IjoxNzAwMDAwMDAwfQ.B-sDGw3_RtlUIwjzr49QAlt_eofJgAL2sCH02Kd7cJc"
        #expect(check(token) == .valid)
    }

    @Test func acceptsAnUnsignedToken() {
        #expect(check("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.") == .valid)
    }

    @Test(arguments: [
        "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.ROV-bpBtnH4RZgittrvuVwvmuMWtydLk9NY0N1RPwak",  // header lacks alg
        "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",  // payload is not JSON
        "WyJhbGciXQ.e30.c2ln",  // header is a JSON array
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0",  // two parts
        "eyJhbGciOiJub25lIn0..c2ln",  // empty payload
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln.c2ln",  // four parts
    ])
    func rejectsMalformedTokens(token: String) {
        #expect(check(token) == .invalid)
    }

    @Test func base64AcceptsBothAlphabetsAndRejectsJunk() {
        #expect(LenientBase64.decode(Array("aGk_".utf8)) == [0x68, 0x69, 0x3F])
        #expect(LenientBase64.decode(Array("aGk/".utf8)) == [0x68, 0x69, 0x3F])
        #expect(LenientBase64.decode(Array("aGk=".utf8)) == Array("hi".utf8))
        #expect(LenientBase64.decode(Array("aG\nk=".utf8), skippingWhitespace: true) == Array("hi".utf8))
        #expect(LenientBase64.decode(Array("aG\nk=".utf8)) == nil)
        #expect(LenientBase64.decode(Array("a".utf8)) == nil)
        #expect(LenientBase64.decode(Array("a=Gk".utf8)) == nil)
        #expect(LenientBase64.decode(Array("aGk!".utf8)) == nil)
    }
}
