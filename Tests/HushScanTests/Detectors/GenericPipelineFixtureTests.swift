import HushTestSupport
import Testing
@testable import HushScan

/// Detector and judgement together over whole synthetic files. In each fixture the values that must
/// be reported are marked `⟦rule⟩value⟧` (`MarkedText`); everything else must stay quiet.
@Suite struct GenericPipelineFixtureTests {
    static let k1 = DetectFixtures.random(32, seed: 1001)
    static let k2 = DetectFixtures.random(40, DetectFixtures.base64, seed: 1002)
    static let k3 = DetectFixtures.random(64, DetectFixtures.lowerHex, seed: 1003)
    static let k4 = DetectFixtures.random(24, DetectFixtures.symbols, seed: 1004)

    static let fixtures: [String] = [
        """
        # .env
        APP_NAME=billing
        DEBUG=false
        DB_HOST=db.internal
        DB_PASSWORD=⟦generic-password⟩\(k1)⟧
        DB_PASSWORD_FILE=/run/secrets/db_password
        REDIS_PASSWORD=${REDIS_PASSWORD}
        STRIPE_SECRET_KEY="⟦generic-secret⟩sk_live_\(k1.prefix(24))⟧"
        SESSION_SECRET=changeme
        TOKEN_TTL=3600
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: registry.internal/api@sha256:\(k3)
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: db-creds
                          key: password
                    - name: API_TOKEN
                      value: "⟦generic-token⟩\(k2)⟧"
                    - name: LOG_LEVEL
                      value: info
        """,
        """
        services:
          db:
            image: postgres:16
            environment:
              - POSTGRES_PASSWORD=⟦generic-password⟩\(k4)⟧
              - POSTGRES_USER=app
          worker:
            environment:
              SECRET_KEY_BASE: ${SECRET_KEY_BASE}
              MAX_TOKENS: "4096"
        """,
        """
        import os

        class Settings:
            SECRET_KEY = "⟦generic-secret⟩\(k1)⟧"
            DATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]
            password_hint = "your first pet"
            tokenizer = load_tokenizer("bpe")

        def connect():
            return db.connect(host="db", password="⟦generic-password⟩Autumn#Leaves2019⟧")
        """,
        """
        {"integrity": "sha512-\(DetectFixtures.random(86, DetectFixtures.base64, seed: 1005))==",
         "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",
         "auth": {"token": "⟦generic-token⟩\(k3)⟧", "token_type": "bearer"},
         "checksum": "\(k3)"}
        """,
    ]

    @Test(arguments: fixtures)
    func reportsExactlyTheMarkedValuesUnderTheirRules(_ fixture: String) {
        let marked = MarkedText(fixture)
        let reported = GenericAssignmentDetector().findings(in: marked.bytes)
        #expect(reported.map(\.candidate.value) == marked.secrets.map(\.secret))
        #expect(reported.map(\.ruleID) == marked.secrets.map(\.rule))
        #expect(marked.secrets.allSatisfy { $0.rule != nil })
    }

    @Test func findingsCarryConfidenceAndRuleIDs() {
        let human = "Autumn#Leaves2019"
        let text = "DB_PASSWORD=\(Self.k1)\napi_key: \(Self.k2)\nadmin_password: \(human)\nAuthorization: Basic \(LenientBase64.encode(Array("u:\(Self.k4)".utf8)))\n"
        let found = GenericAssignmentDetector().findings(in: Array(text.utf8))
        #expect(found.map(\.ruleID) == ["generic-password", "generic-api-key", "generic-password", "generic-basic-auth"])
        #expect(found.map(\.confidence) == [.high, .high, .low, .high])
        #expect(found[2].verdict == .humanPassword)
    }

    @Test func spelledOutDigestIsNotASecretButABareOneUnderSecretIs() {
        let digest = DetectFixtures.random(64, DetectFixtures.lowerHex, seed: 1006)
        #expect(GenericAssignmentDetector().findings(in: Array("secret: \(digest)\n".utf8)).count == 1)
        #expect(GenericAssignmentDetector().findings(in: Array("secret: sha256:\(digest)\n".utf8)).isEmpty)
    }
}
