import Foundation
import Testing
@testable import HushVault

@Suite("Known-answer vectors for the crypto layer")
struct KnownAnswerTests {
    @Test("Argon2id matches libsodium's pwhash_argon2id vectors", arguments: KnownAnswerVectors.argon2id.indices)
    func argon2id(index: Int) throws {
        let vector = KnownAnswerVectors.argon2id[index]
        let password = SecretBytes(bytes: Hex.decode(vector.passwordHex).prefix(vector.passwordLength))
        // crypto_pwhash reads SALTBYTES (16) of the salt buffer.
        let salt = Array(Hex.decode(vector.saltHex).prefix(KeyDerivation.saltLength))
        let parameters = KDFParameters(opsLimit: vector.opsLimit, memLimit: vector.memLimit)
        guard let expected = vector.expectedHex else {
            #expect(throws: CryptoError.self) {
                try KeyDerivation.deriveKey(password: password, salt: salt, parameters: parameters, outputLength: vector.outputLength)
            }
            return
        }
        let key = try KeyDerivation.deriveKey(password: password, salt: salt, parameters: parameters, outputLength: vector.outputLength)
        #expect(Hex.encode(key.unprotectedBytes()) == expected)
    }

    @Test("XChaCha20-Poly1305 matches draft-irtf-cfrg-xchacha A.3.1, and opens back")
    func xchacha() throws {
        let vector = KnownAnswerVectors.xchacha20poly1305
        let key = SecretBytes(bytes: Hex.decode(vector.keyHex))
        let ad = Hex.decode(vector.associatedDataHex)
        let box = try AEAD.seal(
            SecretBytes(utf8: vector.plaintext), key: key, associatedData: ad, nonce: Hex.decode(vector.nonceHex))
        #expect(Hex.encode(Array(box.prefix(AEAD.nonceLength))) == vector.nonceHex)
        #expect(Hex.encode(Array(box.dropFirst(AEAD.nonceLength))) == vector.ciphertextHex + vector.tagHex)
        let opened = try AEAD.open(box, key: key, associatedData: ad)
        #expect(opened.utf8String() == vector.plaintext)
    }

    @Test("Any flipped bit, other associated data or another key fails authentication")
    func tamperingFails() throws {
        let key = SecretBytes.random(count: AEAD.keyLength)
        let box = try AEAD.seal(SecretBytes(utf8: "payload"), key: key, associatedData: [1, 2, 3])
        for index in box.indices {
            var altered = box
            altered[index] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed) { try AEAD.open(altered, key: key, associatedData: [1, 2, 3]) }
        }
        #expect(throws: CryptoError.authenticationFailed) { try AEAD.open(box, key: key, associatedData: [1, 2, 4]) }
        #expect(throws: CryptoError.authenticationFailed) {
            try AEAD.open(box, key: SecretBytes.random(count: AEAD.keyLength), associatedData: [1, 2, 3])
        }
        #expect(throws: CryptoError.malformedCiphertext(length: 10)) { try AEAD.open(Array(box.prefix(10)), key: key, associatedData: []) }
    }

    @Test("Sub-keys differ per purpose and the keyed hash depends on the key")
    func subkeysAndKeyedHash() throws {
        let master = SecretBytes.random(count: 32)
        let one = try KeyedHash.subkey(of: master, id: 1, context: "hushvlt1")
        let two = try KeyedHash.subkey(of: master, id: 2, context: "hushvlt1")
        #expect(!one.constantTimeEquals(two))
        #expect(try KeyedHash.subkey(of: master, id: 1, context: "hushvlt1").constantTimeEquals(one))
        #expect(KeyedHash.hash(Array("prod/db".utf8), key: one) != KeyedHash.hash(Array("prod/db".utf8), key: two))
        #expect(KeyedHash.hash(Array("prod/db".utf8), key: one).count == 32)
    }

    @Test("The random source is libsodium's internal ChaCha20 generator, not one system call per draw")
    func randomSource() {
        #expect(Sodium.randomImplementationName == "internal")
        #expect(Sodium.uniform(below: 1) == 0)
    }

    @Test("SecretBytes copies, slices and compares without sharing storage")
    func secretBytes() {
        let secret = SecretBytes(utf8: "abcdef")
        let copy = secret.copy()
        copy.withUnsafeMutableBytes { $0[0] = UInt8(ascii: "z") }
        #expect(secret.utf8String() == "abcdef")
        #expect(copy.utf8String() == "zbcdef")
        #expect(secret.slice(1..<4).utf8String() == "bcd")
        #expect(!secret.constantTimeEquals(copy))
        #expect(SecretBytes(count: 0).isEmpty)
    }
}
