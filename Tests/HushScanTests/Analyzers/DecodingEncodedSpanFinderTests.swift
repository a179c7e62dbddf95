import Testing
@testable import HushScan

@Suite struct DecodingEncodedSpanFinderTests {
    static let secret = DetectFixtures.random(28, seed: 701)
    static func b64(_ s: String, urlSafe: Bool = false, padded: Bool = true) -> String {
        LenientBase64.encode(Array(s.utf8), urlSafe: urlSafe, padded: padded)
    }

    static func spans(_ text: String) -> [EncodedSpan] {
        var budget = DecodeBudget()
        return EncodedSpanFinder().spans(in: Array(text.utf8), budget: &budget)
    }

    static func decodedTexts(_ text: String) -> [String] {
        spans(text).map { String(decoding: $0.decoded, as: UTF8.self) }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var decoded: [String]
        var encoding: EncodedSpan.Encoding?
        var testDescription: String { String(text.prefix(50)) }
    }

    static let positives: [Case] = [
        Case(text: "data:\n  password: \(b64("db-password=\(secret)"))\n", decoded: ["db-password=\(secret)"], encoding: .base64),
        Case(text: "token=\"\(b64("api_token: \(secret)", padded: false))\"", decoded: ["api_token: \(secret)"], encoding: .base64),
        Case(text: "x \(b64("{\"client_secret\":\"\(secret)\"}", urlSafe: true, padded: false)) y", decoded: ["{\"client_secret\":\"\(secret)\"}"], encoding: .base64),
        Case(text: "auth: \(b64("deploy-user:\(secret)"))", decoded: ["deploy-user:\(secret)"], encoding: .base64),
        Case(text: "DATABASE_URL=postgres://app:p%40ss%2F\(secret)@db/app\n", decoded: ["DATABASE_URL=postgres://app:p@ss/\(secret)@db/app"], encoding: .percent),
        Case(text: "curl -d 'user=a&password=\(secret)%21%3F'", decoded: ["user=a&password=\(secret)!?"], encoding: .percent),
        Case(text: "{\"key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY-----\\n\"}", decoded: ["-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\n"], encoding: .escapes),
        Case(text: "s = \"pass\\u0077ord=\\\"\(secret)\\\"\"", decoded: ["password=\"\(secret)\""], encoding: .escapes),
        Case(text: "x: 'line one\\tline two'", decoded: ["line one\tline two"], encoding: .escapes),
        // A `%` that starts no escape still belongs to the run it sits in.
        Case(text: "q = ab%zz%41cdefghij\n", decoded: ["ab%zzAcdefghij"], encoding: .percent),
        // Short words right before a long run (the skip over short runs must land on its start).
        Case(text: "a bb ccc dddd \(b64("user=ops password=\(secret)"))\n", decoded: ["user=ops password=\(secret)"], encoding: .base64),
        Case(text: "x.y:\(b64("api_token: \(secret)"))", decoded: ["api_token: \(secret)"], encoding: .base64),
    ]

    @Test(arguments: positives)
    func decodes(_ c: Case) {
        let found = Self.spans(c.text)
        #expect(found.map { String(decoding: $0.decoded, as: UTF8.self) } == c.decoded)
        #expect(found.allSatisfy { $0.encoding == c.encoding })
        for span in found where span.encoding == .base64 {
            let encoded = String(decoding: Array(c.text.utf8)[span.range], as: UTF8.self)
            #expect(LenientBase64.decode(Array(encoded.utf8)) == span.decoded)
        }
    }

    /// Long identifiers, digests, paths and random tokens are base64 symbols but not base64 text.
    static let negatives: [String] = [
        "name: ThisIsAVeryLongCamelCaseIdentifierNameForAThing\n",
        "sha: \(DetectFixtures.random(64, DetectFixtures.lowerHex, seed: 702))\n",
        "path: /usr/local/lib/python3/site-packages/some_module\n",
        "token: \(DetectFixtures.random(40, seed: 703))\n",
        "key: \(DetectFixtures.random(44, DetectFixtures.base64, seed: 704))\n",
        "snake_case_identifier_that_goes_on_and_on_forever = 1\n",
        "id: 123456789012345678901234567890\n",
        "short: \(b64("hi there"))\n",
        "url: https://example.com/a%2\n",
        "He said \"hello\" and 'left'.\n",
        "don't 'escape\\n' across an apostrophe's reach\n",
        "blob: \(LenientBase64.encode(DetectFixtures.randomBytes(48, seed: 705)))\n",
    ]

    @Test(arguments: negatives)
    func leavesAlone(_ text: String) {
        #expect(Self.spans(text).isEmpty)
    }

    @Test func mimeWrappedBase64DecodesAsOne() {
        let text = String(repeating: "password=\(Self.secret) ", count: 6)
        let encoded = Self.b64(text)
        var wrapped = ""
        var rest = Substring(encoded)
        while !rest.isEmpty {
            wrapped += rest.prefix(76) + "\n"
            rest = rest.dropFirst(76)
        }
        #expect(Self.decodedTexts("body:\n" + wrapped) == [text])
    }

    /// Kubernetes `data:` maps: consecutive base64 values on their own lines stay separate values.
    @Test func consecutiveBase64ValuesStaySeparate() {
        let first = Self.b64("first-secret-" + DetectFixtures.random(32, seed: 707))
        let second = Self.b64("second-secret-" + DetectFixtures.random(31, seed: 708))
        let text = "data:\n  token: \(first)\n  other: \(second)\n"
        #expect(Self.decodedTexts(text).count == 2)
        #expect(Self.decodedTexts(text).allSatisfy { $0.contains("-secret-") })
    }

    @Test func bareDERIsMarked() {
        // SEQUENCE { INTEGER 0, OCTET STRING (32 bytes) }: shaped like a small private key structure.
        let der: [UInt8] = [0x30, 0x25, 0x02, 0x01, 0x00, 0x04, 0x20] + DetectFixtures.randomBytes(32, seed: 706)
        let found = Self.spans("key: " + LenientBase64.encode(der) + "\n")
        #expect(found.count == 1)
        #expect(found.first?.isDER == true)
        #expect(found.first?.decoded == der)
    }

    @Test func nestedEncodingsUnwrapToTheDepthAsked() {
        let inner = "client_secret: \(Self.secret)"
        let twice = Self.b64(Self.b64(inner))
        let text = "blob: \(twice)\n"
        var budget = DecodeBudget()
        let layers = EncodedSpanFinder().layers(of: Array(text.utf8), maxDepth: 3, budget: &budget)
        #expect(layers.map(\.encodings) == [[.base64], [.base64, .base64]])
        #expect(layers.last.map { String(decoding: $0.bytes, as: UTF8.self) } == inner)
        #expect(layers.allSatisfy { String(decoding: Array(text.utf8)[$0.rootRange], as: UTF8.self) == twice })
        var shallow = DecodeBudget()
        #expect(EncodedSpanFinder().layers(of: Array(text.utf8), maxDepth: 1, budget: &shallow).count == 1)
    }

    @Test func budgetStopsADecodeBomb() {
        let inner = "password=\(Self.secret)"
        var payload = inner
        for _ in 0..<8 { payload = Self.b64(payload) }
        let text = Array("bomb: \(payload)\n".utf8)

        var ample = DecodeBudget()
        let all = EncodedSpanFinder().layers(of: text, maxDepth: 10, budget: &ample)
        #expect(all.count == 8)
        #expect(all.last.map { String(decoding: $0.bytes, as: UTF8.self) } == inner)

        let allowance = all.prefix(3).reduce(0) { $0 + $1.bytes.count }
        var tight = DecodeBudget(bytes: allowance)
        let some = EncodedSpanFinder().layers(of: text, maxDepth: 10, budget: &tight)
        #expect(some.count == 3)
        #expect(tight.remainingBytes == 0)
    }

    /// Hostile one-line inputs: unclosed quotes, endless escapes, percent runs, base64-ish text.
    @Test(arguments: ["'a \"b \\n ", "%41%42%43", "\"\\n\\t\\u0041\"", "QUJDREVGR0hJSktMTU5PUFFS", "a-b_c+d/e=f "])
    func hostileInputsStayWithinTheBudget(_ unit: String) {
        var bytes: [UInt8] = []
        while bytes.count < 1 << 20 { bytes += Array(unit.utf8) }
        var budget = DecodeBudget(bytes: 256 << 10)
        let found = EncodedSpanFinder().spans(in: bytes, budget: &budget)
        #expect(found.reduce(0) { $0 + $1.decoded.count } == (256 << 10) - budget.remainingBytes)
        #expect(found.allSatisfy { $0.range.upperBound <= bytes.count && !$0.decoded.isEmpty })
    }

    @Test func decoderRejectsWhatNoEncoderProduces() {
        #expect(LenientBase64.decode(Array("abcde".utf8)) == nil)  // 1 mod 4
        #expect(LenientBase64.decode(Array("ab+c-d==".utf8)) == nil)  // mixed alphabets
        #expect(LenientBase64.decode(Array("ab=c".utf8)) == nil)  // padding inside
        #expect(LenientBase64.decode(Array("aGk=".utf8)) == Array("hi".utf8))
        #expect(LenientBase64.decode(Array("aGk".utf8)) == Array("hi".utf8))
        #expect(EscapedTextDecoder.decode(Array("\\ud83d\\ude00 \\x41\\/".utf8)) == Array("😀 A/".utf8))
    }
}
