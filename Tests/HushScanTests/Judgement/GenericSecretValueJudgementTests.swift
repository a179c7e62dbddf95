import Testing
@testable import HushScan

@Suite struct GenericSecretValueJudgementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String
        var key: String?
        var expected: SecretVerdict
        var testDescription: String { "\(key ?? "-") = \(value.prefix(48))" }
    }

    static func r(_ n: Int, _ alphabet: String, _ seed: UInt64) -> String {
        DetectFixtures.random(n, alphabet, seed: seed)
    }

    static func r(_ n: Int, _ seed: UInt64) -> String { r(n, DetectFixtures.alphanumeric, seed) }

    static let positives: [Case] = [
        Case(value: r(32, 1), key: "api_key", expected: .secret(confidence: .high)),
        Case(value: r(24, 2), key: "token", expected: .secret(confidence: .high)),
        Case(value: r(40, DetectFixtures.base64, 3), key: "aws_secret_access_key", expected: .secret(confidence: .high)),
        Case(value: r(64, DetectFixtures.lowerHex, 4), key: "api_key", expected: .secret(confidence: .high)),
        Case(value: r(40, DetectFixtures.lowerHex, 5), key: "secret", expected: .secret(confidence: .high)),
        Case(value: r(32, DetectFixtures.lowerHex, 6), key: "client_secret", expected: .secret(confidence: .high)),
        Case(value: r(44, DetectFixtures.symbols, 7), key: "password", expected: .secret(confidence: .high)),
        Case(value: r(16, DetectFixtures.symbols, 8), key: "password", expected: .secret(confidence: .medium)),
        Case(value: r(12, 9), key: "db_password", expected: .secret(confidence: .medium)),
        Case(value: "sk_live_" + r(24, 10), key: "stripe_key", expected: .secret(confidence: .high)),
        Case(value: "xoxb-" + r(10, "0123456789", 11) + "-" + r(12, "0123456789", 12) + "-" + r(24, 13), key: "slack_token", expected: .secret(confidence: .high)),
        Case(value: r(30, "abcdefghijklmnopqrstuvwxyz0123456789", 14), key: "token", expected: .secret(confidence: .high)),
        Case(value: r(24, "0123456789", 15), key: "api_token", expected: .secret(confidence: .medium)),
        Case(value: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", key: "api_key", expected: .secret(confidence: .high)),
        Case(value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDAwMDB9." + r(43, DetectFixtures.alphanumeric + "-_", 16), key: "token", expected: .secret(confidence: .high)),
        // People's passwords: reported, at low confidence, only under password keys.
        Case(value: "Summer2024!", key: "password", expected: .humanPassword),
        Case(value: "Tr0ub4dor&3", key: "password", expected: .humanPassword),
        Case(value: "Winter#2023", key: "DB_PASSWORD", expected: .humanPassword),
        Case(value: "hunter22", key: "passwd", expected: .humanPassword),
        Case(value: "Galaxy-Rider-77", key: "db_pass", expected: .humanPassword),
        Case(value: "correct horse battery staple", key: "passphrase", expected: .humanPassword),
        Case(value: "Monkey.Banana9", key: "admin_password", expected: .humanPassword),
        // Keyboard and digit runs a person chose: three classes make them passwords, not filler.
        Case(value: "Qwerty123!", key: "db_pass", expected: .humanPassword),
        Case(value: "Master1234", key: "admin_password", expected: .humanPassword),
    ]

    static let negatives: [Case] = [
        Case(value: "", key: "password", expected: .notSecret(.empty)),
        Case(value: "   ", key: "password", expected: .notSecret(.empty)),
        Case(value: "changeme", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "password", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "Password1!", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "P@ssw0rd", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "secret", key: "secret", expected: .notSecret(.placeholder)),
        Case(value: "xxx", key: "token", expected: .notSecret(.placeholder)),
        Case(value: "xxxxxxxxxxxxxxxxxxxx", key: "token", expected: .notSecret(.placeholder)),
        Case(value: "********", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "your_password", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "your-api-key-here", key: "api_key", expected: .notSecret(.placeholder)),
        Case(value: "<password>", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "<db-pass>", key: "password", expected: .notSecret(.knownShape(.reference))),
        Case(value: "TODO", key: "token", expected: .notSecret(.placeholder)),
        Case(value: "none", key: "secret", expected: .notSecret(.placeholder)),
        Case(value: "null", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "example", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "dummy-token-value", key: "token", expected: .notSecret(.placeholder)),
        Case(value: "test", key: "password", expected: .notSecret(.placeholder)),
        Case(value: "AKIAIOSFODNN7EXAMPLE", key: "access_key", expected: .notSecret(.placeholder)),
        Case(value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", key: "aws_secret_access_key", expected: .notSecret(.placeholder)),
        Case(value: "DATABASE_PASSWORD", key: "password", expected: .notSecret(.knownShape(.identifier))),
        Case(value: "userPassword", key: "password", expected: .notSecret(.knownShape(.identifier))),
        Case(value: "${DB_PASSWORD}", key: "password", expected: .notSecret(.knownShape(.reference))),
        Case(value: "{{ vault_db_password }}", key: "password", expected: .notSecret(.knownShape(.reference))),
        Case(value: "/run/secrets/db_password", key: "password_path", expected: .notSecret(.knownShape(.filePath))),
        Case(value: "https://auth.internal.acme.io/oauth/token", key: "token", expected: .notSecret(.knownShape(.url))),
        Case(value: "1.4.2", key: "token", expected: .notSecret(.knownShape(.version))),
        Case(value: "true", key: "secret", expected: .notSecret(.knownShape(.boolean))),
        Case(value: "3600", key: "token", expected: .notSecret(.knownShape(.number))),
        Case(value: r(64, DetectFixtures.lowerHex, 17), key: "checksum", expected: .notSecret(.knownShape(.hexDigest))),
        Case(value: "$2b$12$" + r(53, "./" + DetectFixtures.alphanumeric, 18), key: "password", expected: .notSecret(.knownShape(.passwordHash))),
        Case(value: "ENC[AES256_GCM,data:" + r(20, DetectFixtures.base64, 19) + ",type:str]", key: "password", expected: .notSecret(.knownShape(.committedCiphertext))),
        Case(value: "os.Getenv(\"DB_PASSWORD\")", key: "password", expected: .notSecret(.knownShape(.functionCall))),
        Case(value: "(const unsigned char *)buf;", key: "pass", expected: .notSecret(.knownShape(.codeStatement))),
        Case(value: "sk-ant-api03-...", key: "api_key", expected: .notSecret(.placeholder)),
        Case(value: "abc12", key: "password", expected: .notSecret(.tooShort)),
        Case(value: "a1b2c3d", key: "token", expected: .notSecret(.tooShort)),
        Case(value: "abcdefghijklmnop", key: "secret", expected: .notSecret(.sequence)),
        Case(value: "qwertyuiop123", key: "password", expected: .notSecret(.sequence)),
        Case(value: "Qwerty123!", key: "api_key", expected: .notSecret(.sequence)),
        Case(value: "1234567890abcdef", key: "api_key", expected: .notSecret(.sequence)),
        Case(value: "Enter your password here", key: "password", expected: .notSecret(.prose)),
        Case(value: "the shared secret for the bridge", key: "secret", expected: .notSecret(.prose)),
        Case(value: "bluebirdsong", key: "password", expected: .notSecret(.word)),
        Case(value: "Summer2024!", key: "api_key", expected: .notSecret(.word)),
        Case(value: "abababababababab", key: "token", expected: .notSecret(.sequence)),
        Case(value: "zzzzzzzzzz1", key: "token", expected: .notSecret(.placeholder)),
        Case(value: "aabbccddaabbccdd", key: "token", expected: .notSecret(.sequence)),
    ]

    @Test(arguments: positives + negatives)
    func judges(_ c: Case) {
        #expect(SecretValueJudgement.judge(c.value, key: c.key) == c.expected)
    }

    /// Generated tokens of every common alphabet and length are secrets, not words.
    @Test func generatedTokensAreSecrets() {
        let alphabets = [DetectFixtures.alphanumeric, DetectFixtures.base64, DetectFixtures.lowerHex, DetectFixtures.symbols]
        var missed: [String] = []
        for seed in UInt64(1000)..<UInt64(1400) {
            let alphabet = alphabets[Int(seed % 4)]
            let value = DetectFixtures.random(20 + Int(seed % 45), alphabet, seed: seed)
            if case .secret = SecretValueJudgement.judge(value, key: "token") {} else { missed.append(value) }
        }
        #expect(missed.count <= 2, "missed: \(missed)")
    }

    @Test func ratioSeparatesRandomFromPatterned() {
        let random = SecretValueJudgement.measure(DetectFixtures.random(32, seed: 77))
        let patterned = SecretValueJudgement.measure("abcabcabcabcabcabcabcabcabcabcab")
        #expect(random.ratio > 0.9)
        #expect(patterned.ratio < 0.5)
        #expect(SecretValueJudgement.measure(DetectFixtures.random(40, DetectFixtures.lowerHex, seed: 78)).alphabetSize == 16)
    }

    @Test func verdictsCarryReportConfidence() {
        #expect(SecretVerdict.secret(confidence: .high).reportConfidence == .high)
        #expect(SecretVerdict.humanPassword.reportConfidence == .low)
        #expect(SecretVerdict.notSecret(.word).reportConfidence == nil)
    }
}
