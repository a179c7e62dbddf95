import Testing
@testable import HushScan

@Suite struct TokenValidatorsPyPITests {
    /// Writes a v2 binary macaroon the way libmacaroons lays it out.
    static func field(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        var length = data.count
        var varint: [UInt8] = []
        repeat {
            var b = UInt8(length & 0x7F)
            length >>= 7
            if length > 0 { b |= 0x80 }
            varint.append(b)
        } while length > 0
        return [type] + varint + data
    }

    static func macaroonV2(location: String? = "pypi.org", caveats: [String], signature: Int = 32, version: UInt8 = 0x02) -> [UInt8] {
        var out: [UInt8] = [version]
        if let location { out += field(1, Array(location.utf8)) }
        out += field(2, DetectFixtures.randomBytes(24, seed: 801)) + [0]
        for caveat in caveats { out += field(2, Array(caveat.utf8)) + [0] }
        out += [0] + field(6, DetectFixtures.randomBytes(signature, seed: 802))
        return out
    }

    static func token(_ bytes: [UInt8]) -> String {
        "pypi-" + LenientBase64.encode(bytes, urlSafe: true, padded: false)
    }

    static let userCaveat = "{\"version\":1,\"permissions\":\"user\"}"
    static let projectCaveat = "{\"version\":1,\"permissions\":{\"projects\":[\"" + String(repeating: "long-project-name-", count: 8) + "\"]}}"

    @Test func tokensStartTheWayPyPITokensDo() {
        #expect(Self.token(Self.macaroonV2(caveats: [Self.userCaveat])).hasPrefix("pypi-AgEIcHlwaS5vcmc"))
    }

    @Test(arguments: [
        (macaroonV2(caveats: [userCaveat]), 1),
        (macaroonV2(caveats: [userCaveat, projectCaveat]), 2),
        (macaroonV2(location: "test.pypi.org", caveats: [userCaveat]), 1),
        (macaroonV2(location: nil, caveats: []), 0),
    ])
    func wellFormedMacaroonsAreValid(_ bytes: [UInt8], _ caveats: Int) {
        let token = Self.token(bytes)
        #expect(PyPITokenValidator.validate(token) == .valid)
        let m = PyPITokenValidator.macaroon(in: token)
        #expect(m?.version == 2)
        #expect(m?.caveats.count == caveats)
    }

    @Test func caveatsAndLocationAreRead() throws {
        let m = try #require(PyPITokenValidator.macaroon(in: Self.token(Self.macaroonV2(caveats: [Self.userCaveat, Self.projectCaveat]))))
        #expect(m.location == "pypi.org")
        #expect(m.caveats.map { String(decoding: $0, as: UTF8.self) } == [Self.userCaveat, Self.projectCaveat])
    }

    static let invalid: [String] = [
        token(macaroonV2(location: "evil.example", caveats: [userCaveat])),
        token(macaroonV2(caveats: [userCaveat], version: 0x03)),
        "pypi-" + LenientBase64.encode(DetectFixtures.randomBytes(120, seed: 803), urlSafe: true, padded: false),
        "pypi-your-token-here",
        "pypi-",
    ]

    @Test(arguments: invalid)
    func malformedTokensAreInvalid(_ token: String) {
        #expect(PyPITokenValidator.validate(token) == .invalid)
    }

    /// A token that opens like a PyPI macaroon (version 2, PyPI location, identifier) but whose rest
    /// does not parse is not confirmed, and not rejected either: PyPI may add field types, and a
    /// parser that does not know them must not hide a live token.
    static let unconfirmed: [String] = [
        token(macaroonV2(caveats: [userCaveat], signature: 31)),
        String(token(macaroonV2(caveats: [userCaveat])).dropLast(6)),
        token(macaroonV2(caveats: [userCaveat]) + [0x00]),
        token([0x02, 0x01, 0x08] + Array("pypi.org".utf8) + [0x02, 0x01, 0x04] + DetectFixtures.randomBytes(100, seed: 805)),
    ]

    @Test(arguments: unconfirmed)
    func tokensThatOnlyOpenLikePyPIAreUnconfirmed(_ token: String) {
        #expect(PyPITokenValidator.validate(token) == .none)
    }

    @Test func otherTextIsNotJudged() {
        #expect(PyPITokenValidator.validate("ghp_" + DetectFixtures.random(36, seed: 804)) == .none)
    }

    @Test func versionOneTextPacketsAreAccepted() {
        func packet(_ key: String, _ value: [UInt8]) -> [UInt8] {
            let body = Array("\(key) ".utf8) + value + [0x0A]
            let length = String(body.count + 4, radix: 16)
            return Array((String(repeating: "0", count: 4 - length.count) + length).utf8) + body
        }
        let bytes = packet("location", Array("pypi.org".utf8)) + packet("identifier", Array("id-\(DetectFixtures.random(16, seed: 805))".utf8))
            + packet("cid", Array(Self.userCaveat.utf8)) + packet("signature", DetectFixtures.randomBytes(32, seed: 806))
        let token = Self.token(bytes)
        #expect(PyPITokenValidator.validate(token) == .valid)
        #expect(PyPITokenValidator.macaroon(in: token)?.version == 1)
        #expect(PyPITokenValidator.validate(Self.token(Array(bytes.dropLast(3)))) == .invalid)
    }
}
