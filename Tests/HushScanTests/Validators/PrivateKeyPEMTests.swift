import Foundation
import Testing
@testable import HushScan

/// Synthetic keys from `openssl` and `ssh-keygen` (see Fixtures/engine/README.md).
@Suite struct PrivateKeyPEMTests {
    static let keyFiles = [
        "rsa-pkcs1.pem", "rsa-pkcs8.pem", "ec-sec1.pem", "dsa.pem", "encrypted-pkcs8.pem",
        "rsa-legacy-encrypted.pem", "openssh-ed25519.pem", "ed25519-pkcs8.pem",
    ]

    func check(_ pem: String) -> Validation {
        PrivateKeyPEM.validate(ValidationInput(secret: pem[...], match: pem[...]))
    }

    @Test(arguments: keyFiles)
    func acceptsGeneratedKeys(file: String) throws {
        #expect(check(try EngineFixture.text(file)) == .valid)
    }

    @Test(arguments: keyFiles)
    func acceptsKeysPastedWithEscapedNewlines(file: String) throws {
        let escaped = try EngineFixture.text(file).replacingOccurrences(of: "\n", with: "\\n")
        #expect(check("\"" + escaped + "\"") == .valid)
    }

    @Test(arguments: keyFiles.filter { !$0.contains("legacy") })
    func rejectsATruncatedBody(file: String) throws {
        var lines = try EngineFixture.text(file).split(separator: "\n").map(String.init)
        lines.remove(at: lines.count - 2)  // the last body line
        #expect(check(lines.joined(separator: "\n")) == .invalid)
    }

    @Test(arguments: [("rsa-pkcs1.pem", "EC PRIVATE KEY"), ("ec-sec1.pem", "RSA PRIVATE KEY"),
                      ("rsa-pkcs8.pem", "ENCRYPTED PRIVATE KEY"), ("dsa.pem", "RSA PRIVATE KEY"),
                      ("openssh-ed25519.pem", "PRIVATE KEY"), ("encrypted-pkcs8.pem", "PRIVATE KEY")])
    func rejectsABodyUnderTheWrongLabel(file: String, label: String) throws {
        let text = try EngineFixture.text(file)
        let relabelled = text.split(separator: "\n").map { line in
            line.hasPrefix("-----") ? (line.hasPrefix("-----BEGIN") ? "-----BEGIN \(label)-----" : "-----END \(label)-----")
                : String(line)
        }.joined(separator: "\n")
        #expect(check(relabelled) == .invalid)
    }

    @Test func rejectsPlaceholderBodies() {
        #expect(check("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----") == .invalid)
        #expect(check("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----") == .invalid)
        #expect(check("-----BEGIN PRIVATE KEY-----\nYOUR KEY HERE\n-----END PRIVATE KEY-----") == .invalid)
    }

    @Test func rejectsLegacyEncryptionWithBrokenHeaders() throws {
        let text = try EngineFixture.text("rsa-legacy-encrypted.pem")
        #expect(check(text.replacingOccurrences(of: "DEK-Info: AES-128-CBC,", with: "DEK-Info: AES-128-CBC,ZZ")) == .invalid)
        #expect(check(text.replacingOccurrences(of: "4,ENCRYPTED", with: "4,PLAIN")) == .invalid)
    }

    @Test func leavesKindsItCannotCheckUnjudged() {
        let pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQdGBGS\n-----END PGP PRIVATE KEY BLOCK-----"
        #expect(check(pgp) == .none)
    }

    @Test func derReaderRejectsLengthsPastTheEnd() {
        var reader = DERReader([0x30, 0x05, 0x02, 0x01, 0x00])
        #expect(reader.read() == nil)
        var ok = DERReader([0x30, 0x03, 0x02, 0x01, 0x07])
        let sequence = ok.read()
        #expect(sequence?.tag == 0x30 && ok.isAtEnd)
        if let sequence {
            var inner = ok.children(of: sequence)
            let integer = inner.read(tag: DERReader.integer)
            #expect(integer.flatMap { inner.smallInteger($0) } == 7)
        }
    }
}
