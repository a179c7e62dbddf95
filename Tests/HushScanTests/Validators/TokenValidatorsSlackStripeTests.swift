import Testing
@testable import HushScan

@Suite struct TokenValidatorsSlackStripeTests {
    static func digits(_ n: Int, _ seed: UInt64) -> String { DetectFixtures.random(n, "0123456789", seed: seed) }
    static func alnum(_ n: Int, _ seed: UInt64) -> String { DetectFixtures.random(n, seed: seed) }
    static func hex(_ n: Int, _ seed: UInt64) -> String { DetectFixtures.random(n, DetectFixtures.lowerHex, seed: seed) }

    static let validSlack: [(String, SlackTokenValidator.Kind)] = [
        ("xoxb-\(digits(11, 1))-\(digits(13, 2))-\(alnum(24, 3))", .bot),
        ("xoxp-\(digits(10, 4))-\(digits(11, 5))-\(digits(13, 6))-\(hex(32, 7))", .user),
        ("xapp-1-A0\(DetectFixtures.random(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", seed: 8))-\(digits(13, 9))-\(hex(64, 10))", .appLevel),
        ("xoxc-\(digits(11, 11))-\(digits(12, 12))-\(digits(13, 13))-\(hex(64, 14))", .client),
        ("xoxe.xoxp-1-\(alnum(140, 15))", .rotating),
        ("xoxe-1-\(alnum(120, 16))", .rotating),
    ]

    @Test(arguments: validSlack)
    func documentedSlackLayoutsAreValid(_ token: String, _ kind: SlackTokenValidator.Kind) {
        #expect(SlackTokenValidator.kind(of: token) == kind)
        #expect(SlackTokenValidator.validate(token) == .valid)
    }

    static let invalidSlack: [String] = [
        "xoxb-your-bot-token-here", "xoxb-\(digits(11, 20))-\(digits(12, 21))-short", "xoxb-abc-\(digits(12, 22))-\(alnum(24, 23))",
        "xoxp-\(digits(10, 24))-\(digits(11, 25))-\(hex(32, 26))", "xoxp-\(digits(10, 27))-\(digits(11, 28))-\(digits(12, 29))-\(alnum(28, 30))!",
        "xapp-1-a0abc-\(digits(13, 31))-\(hex(64, 32))", "xapp-1-A0ABC-\(digits(13, 33))-\(hex(63, 34))", "xoxe.xoxb-1-short",
    ]

    @Test(arguments: invalidSlack)
    func impossibleSlackTokensAreInvalid(_ token: String) {
        #expect(SlackTokenValidator.validate(token) == .invalid)
    }

    @Test func undocumentedButPlausibleSlackLayoutsGetNoVerdict() {
        #expect(SlackTokenValidator.validate("xoxb-\(Self.digits(12, 40))-\(Self.alnum(24, 41))") == .none)
        #expect(SlackTokenValidator.validate("xoxb-\(Self.digits(11, 42))-\(Self.digits(13, 43))-\(Self.alnum(30, 44))") == .none)
        #expect(SlackTokenValidator.validate("ghp_" + Self.alnum(36, 45)) == .none)
    }

    static let validStripe: [(String, StripeKeyValidator.Key.Kind, Bool)] = [
        ("sk_live_" + alnum(24, 50), .secret, true), ("sk_live_51" + alnum(97, 51), .secret, true),
        ("sk_test_" + alnum(99, 52), .secret, false), ("rk_live_" + alnum(99, 53), .restricted, true),
        ("pk_live_" + alnum(24, 54), .publishable, true), ("pk_test_" + alnum(99, 55), .publishable, false),
        ("whsec_" + alnum(32, 56), .webhookSecret, true),
    ]

    @Test(arguments: validStripe)
    func stripeKeysParse(_ text: String, _ kind: StripeKeyValidator.Key.Kind, _ live: Bool) {
        #expect(StripeKeyValidator.validate(text) == .valid)
        let key = StripeKeyValidator.key(text)
        #expect(key?.kind == kind)
        #expect(key?.live == live)
        #expect(key?.isSecret == (kind != .publishable))
    }

    @Test(arguments: ["sk_live_" + alnum(12, 60), "sk_live_" + alnum(23, 61) + "-", "rk_test_" + alnum(248, 62), "whsec_" + alnum(20, 63), "sk_live_your_key_here"])
    func malformedStripeKeysAreInvalid(_ text: String) {
        #expect(StripeKeyValidator.validate(text) == .invalid)
        #expect(StripeKeyValidator.key(text) == nil)
    }

    @Test func otherPrefixesAreNotJudged() {
        #expect(StripeKeyValidator.validate("sk-" + Self.alnum(48, 64)) == .none)
        #expect(StripeKeyValidator.validate("xk_live_" + Self.alnum(24, 65)) == .none)
    }
}
