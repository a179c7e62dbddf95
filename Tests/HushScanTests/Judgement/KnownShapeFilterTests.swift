import Testing
@testable import HushScan

/// Entropy-gated pattern rules drop captures that have a known non-secret shape (digests, UUIDs
/// named as ids, public keys, password hashes, committed ciphertexts); the offline validators of
/// `TokenStructureValidators` are registered and run.
@Suite struct KnownShapeFilterTests {
    /// A deliberately loose rule: the rest of the line (or quoted string) after a few key words.
    static let loose = testRule(
        "loose", #"(?:value|secret|key|id|sum|digest|sha|integrity)["']?\s*[:=]\s*["']?([^"'\n]{20,})"#, group: 1,
        minEntropy: 3.0)

    static let hex64 = DetectFixtures.random(64, DetectFixtures.lowerHex, seed: 901)
    static let hex40 = DetectFixtures.random(40, DetectFixtures.lowerHex, seed: 902)
    static let b64 = DetectFixtures.random(43, DetectFixtures.base64, seed: 903)
    static let uuid = "3f0e6a52-9d1c-4b7e-8a65-2c1d0b9e7f44"
    static let token = DetectFixtures.random(32, seed: 904)

    static let lookAlikes: [String] = [
        "checksum = \(hex64)\n",
        "image_digest: sha256:\(hex64)\n",
        "commit_sha = \"\(hex40)\"\n",
        "request_id: \(uuid)\n",
        "integrity: \"sha512-\(DetectFixtures.random(86, DetectFixtures.base64, seed: 905))==\"\n",
        "public_key: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\(b64) deploy@ci\"\n",
        "secret: \"ENC[AES256_GCM,data:\(b64),iv:\(b64.prefix(16)),tag:\(b64.prefix(22)),type:str]\"\n",
        "secret: $ANSIBLE_VAULT;1.1;AES256;\(hex64)\n",
        "value: Ag\(DetectFixtures.random(400, DetectFixtures.base64, seed: 906))==\n",
        "value: \"$2b$12$\(DetectFixtures.random(53, "./" + DetectFixtures.alphanumeric, seed: 907))\"\n",
    ]

    @Test(arguments: lookAlikes)
    func lookAlikesAreDroppedWithTheirShape(_ text: String) throws {
        var rejected: [RejectedMatch]? = []
        let engine = try makeEngine([Self.loose])
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBytes { engine.makeWorker().scan($0, rejected: &rejected) }
        #expect(found.isEmpty, "\(found.map(\.secret))")
        #expect(rejected?.contains { if case .knownShape = $0.reason { true } else { false } } == true)
    }

    @Test func theSameShapesUnderACredentialKeyOrFromAProviderRuleAreKept() throws {
        let engine = try makeEngine([Self.loose])
        // Hex and UUID keys exist (many providers issue them): under a credential name they stay.
        for text in ["api_key = \(Self.hex64)\n", "secret: \(Self.uuid)\n", "key = \(Self.token)\n"] {
            #expect(scan(engine, Array(text.utf8)).count == 1, "\(text)")
        }
        // A provider rule's own keyword says credential, whatever the key is called.
        let provider = testRule("acme", #"acme[_-]?\w*\s*[:=]\s*"?([0-9a-f]{32})\b"#, group: 1, minEntropy: 3.0)
        #expect(scan(try makeEngine([provider]), Array("acme_integration = \"\(Self.hex64.prefix(32))\"\n".utf8)).count == 1)
    }

    @Test func rulesWithoutAnEntropyGateAndURLCapturesAreNotShapeFiltered() throws {
        let webhook = testRule("hook", #"(https://hooks\.acme\.test/[A-Za-z0-9]{24})"#, minEntropy: 3.0)
        let url = "https://hooks.acme.test/\(Self.token.prefix(24))"
        #expect(scan(try makeEngine([webhook]), Array("url: \(url)\n".utf8)).map(\.secret) == [url])
        let ungated = testRule("ungated", #"digest: (sha256:[0-9a-f]{64})"#, group: 1)
        #expect(scan(try makeEngine([ungated]), Array("digest: sha256:\(Self.hex64)\n".utf8)).count == 1)
    }

    @Test func theTokenStructureValidatorsAreRegistered() {
        for name in ["pypi-macaroon", "slack-token", "aws-key-id", "stripe-key", "gitlab-token", "jwt-claims"] {
            #expect(Validator.registry[name] != nil, "\(name)")
        }
        #expect(Validator.registry["github-crc32"]?.isConclusive == true)
        #expect(Validator.registry["aws-key-id"]?.isConclusive == false)
        #expect(Validator.registry["pypi-macaroon"]?.isConclusive == true)
    }

    @Test func aLayoutCheckDoesNotOutweighAPlaceholderWordButAChecksumDoes() throws {
        let aws = testRule("aws", #"\b(AKIA[A-Z2-7]{16})\b"#, validate: "aws-key-id")
        // AWS's documentation key id has a perfectly valid layout.
        #expect(scan(try makeEngine([aws]), Array("id = AKIAIOSFODNN7EXAMPLE\n".utf8)).isEmpty)
        #expect(scan(try makeEngine([aws]), Array("id = AKIAPKOE3JLSUYLDAAYO\n".utf8)).map(\.validation) == [.valid])
        let slack = testRule("slack", #"\b(xoxb-[0-9A-Za-z-]{20,})"#, validate: "slack-token")
        #expect(scan(try makeEngine([slack]), Array("SLACK=xoxb-your-bot-token-goes-here\n".utf8)).isEmpty)
    }
}
