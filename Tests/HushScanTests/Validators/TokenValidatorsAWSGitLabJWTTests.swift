import Foundation
import Testing
@testable import HushScan

@Suite struct TokenValidatorsAWSGitLabJWTTests {
    /// Synthetic key ids built with Python's `base64.b32encode` from (flag, account, random bits):
    /// an implementation independent of the decoder under test.
    static let awsVectors: [(String, String?, AWSKeyIDDecoder.Kind)] = [
        ("AKIARZPUZDIKKEOANPKG", "123456789012", .accessKey),
        ("ASIAQAAAACDQT44SHPA2", "000000004321", .temporaryAccessKey),
        ("AKIA6RVFFB772266JCYW", "999999999999", .accessKey),
        ("AROAYCVTBK5LZNWAQBYX", "555500001111", .role),
        ("AKIAAAAAAAAADM5YDGQG", nil, .accessKey),  // old format: flag bit clear
        ("AKIAJ" + DetectFixtures.random(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed: 901), nil, .accessKey),
    ]

    @Test(arguments: awsVectors)
    func awsKeyIDsDecodeToTheirAccount(_ id: String, _ account: String?, _ kind: AWSKeyIDDecoder.Kind) {
        #expect(AWSKeyIDDecoder.validate(id) == .valid)
        #expect(AWSKeyIDDecoder.kind(of: id) == kind)
        #expect(AWSKeyIDDecoder.accountID(of: id) == account)
    }

    @Test(arguments: ["AKIA0123456789ABCDEF", "AKIARZPUZDIKKEOANPK", "AKIARZPUZDIKKEOANPKGA", "ASIArzpuzdikkeoanpkg", "AKIA-RZPUZDIKKEOANPK"])
    func malformedKeyIDsAreInvalid(_ id: String) {
        #expect(AWSKeyIDDecoder.validate(id) == .invalid)
        #expect(AWSKeyIDDecoder.accountID(of: id) == nil)
    }

    @Test func unknownPrefixesAreNotJudged() {
        #expect(AWSKeyIDDecoder.validate("AXYZRZPUZDIKKEOANPKG") == .none)
        #expect(AWSKeyIDDecoder.Kind.accessKey.isCredential && !AWSKeyIDDecoder.Kind.role.isCredential)
    }

    /// Routable tokens built with Python's `zlib.crc32` and `base64.urlsafe_b64encode` following
    /// GitLab's generator; the random part is synthetic.
    static let gitlabRoutable: [(String, String?, [String: String])] = [
        ("glpat-YzoyCm86MQp1OjM5dVLyJmWmDBLSiRhdlQ7ogTYQ.01.1403xw17l", "01", ["c": "2", "o": "1", "u": "39u"]),
        ("glpat-bzoyNQp1OjJuOWMJFm9rET0XjWwP05Af8jmhEA.121pqwrul", nil, ["o": "25", "u": "2n9c"]),
        ("glrt-YzoxCm86NQp0OjGglfIPk5VlDPk4C47bIkprEA.01.121h7w5vm", "01", ["c": "1", "o": "5", "t": "1"]),
    ]

    @Test(arguments: gitlabRoutable)
    func routableGitLabTokensCheckTheirCRC(_ token: String, _ version: String?, _ routing: [String: String]) {
        #expect(GitLabTokenValidator.validate(token) == .valid)
        let parsed = GitLabTokenValidator.routable(token)
        #expect(parsed?.version == version)
        #expect(parsed?.routing == routing)
    }

    @Test(arguments: gitlabRoutable.map(\.0))
    func tamperedRoutableTokensAreInvalid(_ token: String) {
        var crcOff = Array(token)
        crcOff[crcOff.count - 1] = crcOff.last == "0" ? "1" : "0"
        #expect(GitLabTokenValidator.validate(String(crcOff)) == .invalid)
        var payloadOff = Array(token)
        let i = token.firstIndex(of: "-").map { token.distance(from: token.startIndex, to: $0) + 3 } ?? 8
        payloadOff[i] = payloadOff[i] == "A" ? "B" : "A"
        #expect(GitLabTokenValidator.validate(String(payloadOff)) == .invalid)
    }

    @Test func gitlabCRCMatchesZlibVectors() {
        #expect(GitLabTokenValidator.crc32(Array("abc".utf8)) == 891_568_578)  // zlib.crc32(b"abc")
        #expect(GitLabTokenValidator.crc32([]) == 0)
    }

    @Test func legacyGitLabTokensAreCheckedForShapeOnly() {
        #expect(GitLabTokenValidator.validate("glpat-" + DetectFixtures.random(20, DetectFixtures.alphanumeric + "_-", seed: 902)) == .valid)
        #expect(GitLabTokenValidator.validate("glpat-" + DetectFixtures.random(12, seed: 903)) == .invalid)
        #expect(GitLabTokenValidator.validate("glpat-" + DetectFixtures.random(19, seed: 904) + "!") == .invalid)
        #expect(GitLabTokenValidator.validate("ghp_" + DetectFixtures.random(36, seed: 905)) == .none)
    }

    static func jwt(_ payload: String, header: String = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}") -> String {
        [header, payload].map { LenientBase64.encode(Array($0.utf8), urlSafe: true, padded: false) }.joined(separator: ".")
            + "." + LenientBase64.encode(DetectFixtures.randomBytes(32, seed: 906), urlSafe: true, padded: false)
    }

    @Test func jwtTimesAreRead() throws {
        let token = Self.jwt("{\"sub\":\"svc\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":1700003600}")
        let times = try #require(JWTClaimsReader.times(of: token))
        #expect(times.expiresAt == Date(timeIntervalSince1970: 1_700_003_600))
        #expect(times.issuedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(times.isExpired(at: Date(timeIntervalSince1970: 1_700_003_601)) == true)
        #expect(times.isExpired(at: Date(timeIntervalSince1970: 1_700_000_001)) == false)
        #expect(JWTClaimsReader.validate(token) == .valid)
    }

    @Test func jwtWithoutExpiryHasNoVerdictOnExpiry() {
        let token = Self.jwt("{\"sub\":\"svc\",\"exp\":true}")
        #expect(JWTClaimsReader.validate(token) == .valid)
        #expect(JWTClaimsReader.expiry(of: token) == nil)
        #expect(JWTClaimsReader.times(of: token)?.isExpired() == nil)
    }

    @Test(arguments: ["a.b.c", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig", jwt("{\"exp\":1}", header: "{\"typ\":\"JWT\"}"), "onlyone", jwt("[1,2]")])
    func malformedJWTsAreInvalid(_ token: String) {
        #expect(JWTClaimsReader.validate(token) == .invalid)
        #expect(JWTClaimsReader.expiry(of: token) == nil)
    }

    @Test func catalogNamesEveryValidator() {
        #expect(Set(TokenStructureValidators.byName.keys) == ["pypi-macaroon", "slack-token", "aws-key-id", "stripe-key", "gitlab-token", "jwt-claims"])
        #expect(TokenStructureValidators.byName["aws-key-id"]?("AKIARZPUZDIKKEOANPKG") == .valid)
    }
}
