/// How much work Argon2id does to turn the master password into a key; stored per vault so it can be raised.
package enum KDFLevel: String, CaseIterable, Sendable {
    /// libsodium's INTERACTIVE limits: 2 passes, 64 MiB.
    case interactive
    /// libsodium's MODERATE limits: 3 passes, 256 MiB (the default).
    case moderate
    /// libsodium's SENSITIVE limits: 4 passes, 1 GiB.
    case sensitive
    /// Argon2id's minimum (1 pass, 8 KiB): for tests only, offers no protection against guessing.
    case minimum = "min"

    /// The level whose parameters are exactly `parameters` (Argon2id v1.3), or nil: a vault header holding
    /// anything else was not written by hush, and its limits must not reach Argon2id.
    package init?(parameters: KDFParameters) {
        guard parameters.algorithm == KDFParameters.argon2id13,
            let level = Self.allCases.first(where: { $0.parameters == parameters })
        else { return nil }
        self = level
    }

    /// The Argon2id parameters this level stands for.
    package var parameters: KDFParameters {
        switch self {
        case .interactive: KDFParameters(opsLimit: Sodium.opsLimitInteractive, memLimit: Sodium.memLimitInteractive)
        case .moderate: KDFParameters(opsLimit: Sodium.opsLimitModerate, memLimit: Sodium.memLimitModerate)
        case .sensitive: KDFParameters(opsLimit: Sodium.opsLimitSensitive, memLimit: Sodium.memLimitSensitive)
        case .minimum: KDFParameters(opsLimit: Sodium.opsLimitMinimum, memLimit: Sodium.memLimitMinimum)
        }
    }
}

/// Argon2id cost parameters as stored in the vault header.
package struct KDFParameters: Equatable, Sendable, CustomStringConvertible {
    /// Argon2id v1.3, the only algorithm a vault uses today; stored so a later release can add others.
    package static let argon2id13 = Sodium.argon2id13

    /// Number of passes over memory.
    package var opsLimit: UInt64
    /// Memory in bytes.
    package var memLimit: UInt64
    /// libsodium's algorithm identifier.
    package var algorithm: Int32

    /// Argon2id v1.3 with the given costs.
    package init(opsLimit: UInt64, memLimit: UInt64, algorithm: Int32 = KDFParameters.argon2id13) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
        self.algorithm = algorithm
    }

    package var description: String {
        let mebibytes = Double(memLimit) / 1_048_576
        let memory = mebibytes >= 1 ? "\(Int(mebibytes)) MiB" : "\(memLimit / 1024) KiB"
        let named = KDFLevel.allCases.first { $0.parameters == self }.map { " (\($0.rawValue))" } ?? ""
        return "Argon2id, \(opsLimit) passes, \(memory)\(named)"
    }
}

/// Password-based key derivation with Argon2id (`crypto_pwhash`).
package enum KeyDerivation {
    /// Bytes of salt Argon2id takes.
    package static let saltLength = Sodium.saltLength

    /// A fresh random salt.
    package static func randomSalt() -> [UInt8] {
        Sodium.randomBytes(count: saltLength)
    }

    /// Derives `outputLength` bytes from `password` and `salt`.
    package static func deriveKey(
        password: SecretBytes, salt: [UInt8], parameters: KDFParameters, outputLength: Int = 32
    ) throws(CryptoError) -> SecretBytes {
        try Sodium.ensureInitialised()
        guard parameters.algorithm == Sodium.argon2id13, outputLength >= Sodium.pwhashMinimumOutput else {
            throw .keyDerivationFailed(opsLimit: parameters.opsLimit, memLimit: parameters.memLimit)
        }
        let key = SecretBytes(count: outputLength)
        let ok = key.withUnsafeMutableBytes { out in
            password.withUnsafeBytes { pw in
                Sodium.argon2id(
                    into: out, password: pw, salt: salt, opsLimit: parameters.opsLimit,
                    memLimit: parameters.memLimit)
            }
        }
        guard ok else { throw .keyDerivationFailed(opsLimit: parameters.opsLimit, memLimit: parameters.memLimit) }
        return key
    }
}
