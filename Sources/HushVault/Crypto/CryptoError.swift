import Foundation

/// What went wrong in the crypto layer. Never carries key material or plaintext.
package enum CryptoError: Error, Equatable, LocalizedError {
    /// libsodium could not be initialised.
    case libraryUnavailable
    /// Argon2id refused its parameters or ran out of memory.
    case keyDerivationFailed(opsLimit: UInt64, memLimit: UInt64)
    /// A sealed box failed authentication: wrong key, altered bytes, or moved to another place.
    case authenticationFailed
    /// A sealed box is too short to hold a nonce and a tag.
    case malformedCiphertext(length: Int)
    /// A key had the wrong length for its algorithm.
    case invalidKeyLength(expected: Int, actual: Int)

    package var errorDescription: String? {
        switch self {
        case .libraryUnavailable:
            return "libsodium could not be initialised"
        case let .keyDerivationFailed(ops, mem):
            return "Argon2id key derivation failed (opslimit \(ops), memlimit \(mem) bytes): "
                + "parameters out of range or not enough memory"
        case .authenticationFailed:
            return "authentication failed: the data was altered, moved, or sealed with another key"
        case let .malformedCiphertext(length):
            return "sealed data is \(length) bytes, too short to hold a nonce and a tag"
        case let .invalidKeyLength(expected, actual):
            return "key is \(actual) bytes, expected \(expected)"
        }
    }
}
