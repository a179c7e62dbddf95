import Testing
@testable import HushScan

@Suite struct ShapesKnownNonSecretTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String
        var key: String?
        var before = ""
        var expected: NonSecretShape?
        var testDescription: String { "\(key ?? "-"): \(value.prefix(40))" }
    }

    static let hex64 = DetectFixtures.random(64, DetectFixtures.lowerHex, seed: 1)
    static let hex40 = DetectFixtures.random(40, DetectFixtures.lowerHex, seed: 2)
    static let hex32 = DetectFixtures.random(32, DetectFixtures.lowerHex, seed: 3)
    static let b64 = DetectFixtures.random(600, DetectFixtures.base64, seed: 4)

    static let structured: [Case] = [
        Case(value: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", key: "request_id", expected: .uuid),
        Case(value: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", key: nil, expected: .uuid),
        Case(value: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", key: "api_key", expected: nil),
        Case(value: hex40, key: "commit", expected: .gitCommit),
        Case(value: hex40, key: "sha", expected: .gitCommit),
        Case(value: String(hex40.prefix(12)), key: "revision", expected: .gitCommit),
        Case(value: String(hex40.prefix(12)), key: "name", expected: nil),
        Case(value: hex64, key: "checksum", expected: .hexDigest),
        Case(value: hex64, key: nil, expected: .hexDigest),
        Case(value: hex64, key: "secret", expected: nil),
        Case(value: hex64, key: "secret", before: "sha256:", expected: .hexDigest),
        Case(value: hex32, key: "api_key", expected: nil),
        Case(value: hex32, key: "etag", expected: .hexDigest),
        Case(value: hex40, key: "password", expected: nil),
        Case(value: "sha256:" + hex64, key: "token", expected: .imageDigest),
        Case(value: "nginx@sha256:" + hex64, key: "image", expected: .imageDigest),
        Case(value: "sha512-" + DetectFixtures.random(86, DetectFixtures.base64, seed: 5) + "==", key: "integrity", expected: .subresourceIntegrity),
        Case(value: "sha384-" + DetectFixtures.random(64, DetectFixtures.base64, seed: 6), key: "integrity", expected: .subresourceIntegrity),
        Case(value: "h1:" + DetectFixtures.random(43, DetectFixtures.base64, seed: 7) + "=", key: nil, expected: .goModuleHash),
        Case(value: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk", key: "token", expected: .embeddedMedia),
        Case(value: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk", key: "secret", expected: .embeddedMedia),
        Case(value: "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoH", key: nil, expected: .embeddedMedia),
        Case(value: "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", key: nil, expected: .embeddedMedia),
        Case(value: "d09GMgABAAAAAAXcAA0AAAAADHAAAAWIAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", key: nil, expected: .embeddedMedia),
        Case(value: "AAEAAAALAIAAAwAwT1MvMg8SBfAAAAC8AAAAYGNtYXAXVtKNAAABHAAAAFRnYXNw", key: nil, expected: .embeddedMedia),
        Case(value: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + DetectFixtures.random(43, DetectFixtures.base64, seed: 8) + " dev@example", key: "key", expected: .publicKey),
        Case(value: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + DetectFixtures.random(60, DetectFixtures.base64, seed: 9), key: "ssh_key", expected: .publicKey),
        Case(value: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", key: "public_key", expected: .publicKey),
        Case(value: "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUF", key: "cert", expected: .certificate),
        Case(value: "-----BEGIN CERTIFICATE-----\nMIID...\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE", key: "bundle", expected: nil),
        Case(value: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", key: "private_key", expected: nil),
        Case(value: "$2b$12$" + DetectFixtures.random(53, "./" + DetectFixtures.alphanumeric, seed: 10), key: "password", expected: .passwordHash),
        Case(value: "$2y$10$" + DetectFixtures.random(53, "./" + DetectFixtures.alphanumeric, seed: 11), key: "password_hash", expected: .passwordHash),
        Case(value: "$argon2id$v=19$m=65536,t=3,p=4$" + DetectFixtures.random(22, DetectFixtures.base64, seed: 12) + "$" + DetectFixtures.random(43, DetectFixtures.base64, seed: 13), key: "password", expected: .passwordHash),
        Case(value: "$6$rounds=5000$" + DetectFixtures.random(16, DetectFixtures.alphanumeric, seed: 14) + "$" + DetectFixtures.random(86, DetectFixtures.alphanumeric, seed: 15), key: nil, expected: .passwordHash),
        Case(value: "$1$" + DetectFixtures.random(8, DetectFixtures.alphanumeric, seed: 16) + "$" + DetectFixtures.random(22, DetectFixtures.alphanumeric, seed: 17), key: "pass", expected: .passwordHash),
        Case(value: "pbkdf2_sha256$600000$" + DetectFixtures.random(22, DetectFixtures.alphanumeric, seed: 18) + "$" + DetectFixtures.random(44, DetectFixtures.base64, seed: 19), key: "password", expected: .passwordHash),
        Case(value: "$scrypt$ln=16,r=8,p=1$" + DetectFixtures.random(22, DetectFixtures.base64, seed: 20) + "$" + DetectFixtures.random(43, DetectFixtures.base64, seed: 21), key: "password", expected: .passwordHash),
        Case(value: "{SSHA}" + DetectFixtures.random(32, DetectFixtures.base64, seed: 22), key: "userPassword", expected: .passwordHash),
        Case(value: "ENC[AES256_GCM,data:" + DetectFixtures.random(24, DetectFixtures.base64, seed: 23) + ",iv:abc,tag:def,type:str]", key: "password", expected: .committedCiphertext),
        Case(value: "$ANSIBLE_VAULT;1.1;AES256\n6638643965", key: "db_password", expected: .committedCiphertext),
        Case(value: "AgB" + b64, key: "password", expected: .committedCiphertext),
        Case(value: DetectFixtures.random(344, DetectFixtures.base64, seed: 24), key: "secure", expected: .committedCiphertext),
        Case(value: "ENC(" + DetectFixtures.random(32, DetectFixtures.base64, seed: 25) + ")", key: "password", expected: .committedCiphertext),
        Case(value: "vault:v1:" + DetectFixtures.random(40, DetectFixtures.base64, seed: 26), key: "token", expected: .committedCiphertext),
    ]

    static let text: [Case] = [
        Case(value: "true", key: "password", expected: .boolean),
        Case(value: "Off", key: "auth", expected: .boolean),
        Case(value: "8080", key: "secret_port", expected: .number),
        Case(value: "30s", key: "token_ttl", expected: .number),
        Case(value: "512Mi", key: nil, expected: .number),
        Case(value: DetectFixtures.random(20, "0123456789", seed: 27), key: "api_token", expected: nil),
        Case(value: "1.2.3", key: "token", expected: .version),
        Case(value: "v2.0.0-rc.1+build.5", key: nil, expected: .version),
        Case(value: "^4.17.21", key: nil, expected: .version),
        Case(value: "10.0.0.12", key: nil, expected: .version),
        Case(value: "2024-03-05T10:20:30Z", key: "token_expiry", expected: .dateTime),
        Case(value: "https://api.example.com/v1/oauth/token", key: "token", expected: .url),
        Case(value: "postgres://db.internal:5432/app", key: nil, expected: .url),
        Case(value: "https://admin:" + DetectFixtures.random(16, seed: 28) + "@db.example.com", key: nil, expected: nil),
        Case(value: "https://hooks.example.com/x?token=" + DetectFixtures.random(24, seed: 29), key: nil, expected: nil),
        Case(value: "ops@example.com", key: "secret_contact", expected: .emailAddress),
        Case(value: "/etc/secrets/db-password", key: "password", expected: .filePath),
        Case(value: "/run/secrets/postgres_password", key: "secret", expected: .filePath),
        Case(value: "./config/credentials.json", key: "credentials", expected: .filePath),
        Case(value: "~/.ssh/id_ed25519", key: "private_key", expected: .filePath),
        Case(value: "C:\\Users\\build\\token.txt", key: "token", expected: .filePath),
        Case(value: "config/keys/signing.pem", key: "signing_key", expected: .filePath),
        Case(value: "/" + DetectFixtures.random(30, DetectFixtures.alphanumeric, seed: 30), key: "token", expected: nil),
        Case(value: "DATABASE_PASSWORD", key: "password", expected: .identifier),
        Case(value: "userPassword", key: "password", expected: .identifier),
        Case(value: "my-secret-name", key: "secret", expected: .identifier),
        Case(value: "${DB_PASSWORD}", key: "password", expected: .reference),
        Case(value: "${DB_PASSWORD:-fallback}", key: "password", expected: .reference),
        Case(value: "$DB_PASSWORD", key: "password", expected: .reference),
        Case(value: "{{ .Values.db.password }}", key: "password", expected: .reference),
        Case(value: "${{ secrets.NPM_TOKEN }}", key: "token", expected: .reference),
        Case(value: "%(db_password)s", key: "password", expected: .reference),
        Case(value: "%DB_PASSWORD%", key: "password", expected: .reference),
        Case(value: "<password>", key: "password", expected: .reference),
        Case(value: "#{db_password}", key: "password", expected: .reference),
        Case(value: "process.env.API_KEY", key: "apiKey", expected: .reference),
        Case(value: "os.environ['DB_PASSWORD']", key: "password", expected: .reference),
        Case(value: "ENV['SECRET_TOKEN']", key: "token", expected: .reference),
        Case(value: "op://vault/item/password", key: "password", expected: .reference),
        Case(value: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", key: "secret", expected: .reference),
        Case(value: "getenv(\"DB_PASSWORD\")", key: "password", expected: .functionCall),
        Case(value: "os.Getenv(\"API_TOKEN\")", key: "token", expected: .functionCall),
        Case(value: "config.get(\"secret\")", key: "secret", expected: .reference),
        Case(value: "readPassword()", key: "password", expected: .functionCall),
    ]

    static let randomLooking: [Case] = [
        Case(value: DetectFixtures.random(32, seed: 31), key: "api_key", expected: nil),
        Case(value: DetectFixtures.random(40, DetectFixtures.base64, seed: 32), key: "secret", expected: nil),
        Case(value: "Summer2024!", key: "password", expected: nil),
        Case(value: "Tr0ub4dor&3", key: "password", expected: nil),
        Case(value: "sk_live_" + DetectFixtures.random(24, seed: 33), key: "stripe_key", expected: nil),
    ]

    @Test(arguments: structured + text + randomLooking)
    func classifies(_ c: Case) {
        #expect(KnownNonSecretShape.classify(c.value, context: ShapeContext(key: c.key, textBefore: c.before)) == c.expected)
    }

    @Test func randomBase64WithSlashesIsNotAPath() {
        for seed in UInt64(100)..<UInt64(150) {
            let value = DetectFixtures.random(40, DetectFixtures.base64, seed: seed)
            #expect(KnownNonSecretShape.classify(value, context: ShapeContext(key: "secret")) == nil, "\(value)")
        }
    }

    /// Random text split at its case changes can, rarely, read as words; the rate must stay tiny
    /// because such a value would be waved through.
    @Test func randomAlphanumericIsAlmostNeverAnIdentifier() {
        var misread = 0
        for seed in UInt64(200)..<UInt64(2200) {
            let value = DetectFixtures.random(12 + Int(seed % 29), seed: seed)
            if WordShape.isIdentifier(Array(value.utf8)) { misread += 1 }
        }
        #expect(misread <= 6, "\(misread) of 2000 random values read as identifiers")
    }

    @Test(arguments: ["DATABASE_PASSWORD", "userPasswordHash", "my-secret-name", "com.example.Config", "dbPassword", "MYSQL_ROOT_PASSWORD", "getAPIKey", "spring.datasource.password", "oauth2_client_id"])
    func identifiersReadAsIdentifiers(_ value: String) {
        #expect(WordShape.isIdentifier(Array(value.utf8)))
    }
}
