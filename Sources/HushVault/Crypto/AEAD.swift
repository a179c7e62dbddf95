import Foundation

/// XChaCha20-Poly1305 (IETF) authenticated encryption. A sealed box is `nonce || ciphertext || tag`.
///
/// The 192-bit nonce is random for every seal, so nonces never repeat in practice under one key.
package enum AEAD {
    /// Key length in bytes.
    package static let keyLength = Sodium.aeadKeyLength
    /// Nonce length in bytes.
    package static let nonceLength = Sodium.aeadNonceLength
    /// Authentication tag length in bytes.
    package static let tagLength = Sodium.aeadTagLength
    /// Bytes a sealed box adds to its plaintext.
    package static let overhead = nonceLength + tagLength

    /// Encrypts and authenticates `plaintext`, binding `associatedData` (not stored, must be given to `open`).
    package static func seal(
        _ plaintext: SecretBytes, key: SecretBytes, associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try seal(plaintext, key: key, associatedData: associatedData, nonce: Sodium.randomBytes(count: nonceLength))
    }

    /// Seals plaintext read in place from guarded memory (for loops that reuse one scratch buffer).
    package static func seal(
        bytes plaintext: UnsafeRawBufferPointer, key: SecretBytes, associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try seal(bytes: plaintext, key: key, associatedData: associatedData, nonce: Sodium.randomBytes(count: nonceLength))
    }

    /// Seals with a caller-chosen nonce: only for known-answer tests, never reuse a nonce with one key.
    static func seal(
        _ plaintext: SecretBytes, key: SecretBytes, associatedData: [UInt8], nonce: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try plaintext.withUnsafeBytes { (message) throws(CryptoError) -> [UInt8] in
            try seal(bytes: message, key: key, associatedData: associatedData, nonce: nonce)
        }
    }

    /// The one sealing routine the others call.
    private static func seal(
        bytes plaintext: UnsafeRawBufferPointer, key: SecretBytes, associatedData: [UInt8], nonce: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureInitialised()
        guard key.count == keyLength else { throw .invalidKeyLength(expected: keyLength, actual: key.count) }
        var box = nonce + [UInt8](repeating: 0, count: plaintext.count + tagLength)
        let ok = box.withUnsafeMutableBytes { out in
            key.withUnsafeBytes { k in
                Sodium.aeadEncrypt(
                    into: UnsafeMutableRawBufferPointer(rebasing: out[nonceLength...]), message: plaintext,
                    associatedData: associatedData, nonce: nonce, key: k)
            }
        }
        guard ok else { throw .malformedCiphertext(length: box.count) }
        return box
    }

    /// Verifies and decrypts `box` into `scratch` (reallocated when too small) and returns the plaintext
    /// length: for loops over many records, where one guarded allocation per record would dominate.
    package static func open(
        _ box: some ContiguousBytes, key: SecretBytes, associatedData: [UInt8], into scratch: inout SecretBytes
    ) throws(CryptoError) -> Int {
        try Sodium.ensureInitialised()
        guard key.count == keyLength else { throw .invalidKeyLength(expected: keyLength, actual: key.count) }
        let ok: Bool? = box.withUnsafeBytes { all -> Bool? in
            guard all.count >= overhead else { return nil }
            let length = all.count - overhead
            if scratch.count < length { scratch = SecretBytes(count: max(length, scratch.count * 2)) }
            return scratch.withUnsafeMutableBytes { out in
                key.withUnsafeBytes { k in
                    Sodium.aeadDecrypt(
                        into: UnsafeMutableRawBufferPointer(rebasing: out[..<length]),
                        ciphertext: UnsafeRawBufferPointer(rebasing: all[nonceLength...]),
                        associatedData: associatedData,
                        nonce: UnsafeRawBufferPointer(rebasing: all[..<nonceLength]), key: k)
                }
            }
        }
        let count = box.withUnsafeBytes { $0.count }
        guard let ok else { throw .malformedCiphertext(length: count) }
        guard ok else { throw .authenticationFailed }
        return count - overhead
    }

    /// Verifies and decrypts a sealed box; throws `authenticationFailed` on any alteration.
    package static func open(
        _ box: [UInt8], key: SecretBytes, associatedData: [UInt8]
    ) throws(CryptoError) -> SecretBytes {
        try Sodium.ensureInitialised()
        guard key.count == keyLength else { throw .invalidKeyLength(expected: keyLength, actual: key.count) }
        guard box.count >= overhead else { throw .malformedCiphertext(length: box.count) }
        let plaintext = SecretBytes(count: box.count - overhead)
        let ok = plaintext.withUnsafeMutableBytes { out in
            box.withUnsafeBytes { all in
                key.withUnsafeBytes { k in
                    Sodium.aeadDecrypt(
                        into: out, ciphertext: UnsafeRawBufferPointer(rebasing: all[nonceLength...]),
                        associatedData: associatedData,
                        nonce: UnsafeRawBufferPointer(rebasing: all[..<nonceLength]), key: k)
                }
            }
        }
        guard ok else { throw .authenticationFailed }
        return plaintext
    }
}
