import Foundation
import GRDB

/// An unlocked vault: the facade every command goes through.
///
/// Master password → Argon2id (parameters stored in the header) → key-encryption key, which opens the
/// random 32-byte vault key (XChaCha20-Poly1305). Sub-keys of the vault key seal entries and the state
/// and hash names. Keys live in guarded memory; core dumps stay off while any vault is open.
package final class Vault {
    /// The vault file.
    package let path: String
    let database: VaultDatabase
    let keys: VaultKeys
    private let vaultKey: SecretBytes
    private let coreDumps = CoreDumpGuard()
    /// The Argon2id parameters the master password is currently hashed with.
    package private(set) var kdfParameters: KDFParameters

    private init(path: String, database: VaultDatabase, vaultKey: SecretBytes, vaultID: [UInt8], kdf: KDFParameters)
        throws(VaultError)
    {
        self.path = path
        self.database = database
        self.vaultKey = vaultKey
        self.kdfParameters = kdf
        do throws(CryptoError) { keys = try VaultKeys(vaultKey: vaultKey, vaultID: vaultID) } catch { throw .crypto(error) }
    }

    // MARK: Create and open

    /// Creates a new vault file (mode 0600; missing directories 0700) protected by `password`.
    package static func create(at path: String, password: SecretBytes, kdf: KDFParameters) throws(VaultError) -> Vault {
        guard !password.isEmpty else { throw .emptyPassword }
        guard !VaultFiles.exists(path) else { throw .alreadyExists(path: path) }
        try VaultFiles.createPrivateParents(of: path)
        try VaultFiles.createPrivateFile(path)
        do throws(VaultError) {
            let database = try VaultDatabase(path: path)
            let vaultID = Sodium.randomBytes(count: 16)
            let vaultKey = SecretBytes.random(count: AEAD.keyLength)
            let salt = KeyDerivation.randomSalt()
            let wrapped = try wrap(vaultKey, password: password, salt: salt, vaultID: vaultID, kdf: kdf)
            let vault = try Vault(path: path, database: database, vaultKey: vaultKey, vaultID: vaultID, kdf: kdf)
            let state = try sealState(.empty, keys: vault.keys)
            try database.enableWAL()
            try database.migrate()
            try database.write { db in
                try HeaderRow(
                    format: VaultSchema.cryptoFormat, vaultID: Data(vaultID), kdfAlgorithm: Int(kdf.algorithm),
                    kdfOpsLimit: Int64(clamping: kdf.opsLimit), kdfMemLimit: Int64(clamping: kdf.memLimit),
                    salt: Data(salt), wrappedKey: Data(wrapped), state: Data(state)
                ).insert(db)
            }
            return vault
        } catch {
            VaultFiles.removeVault(at: path)
            throw error
        }
    }

    /// Opens and unlocks an existing vault; throws `wrongPassword` (nothing changed) when it does not fit.
    package static func open(at path: String, password: SecretBytes) throws(VaultError) -> Vault {
        guard VaultFiles.exists(path) else { throw .noVault(path: path) }
        let database = try VaultDatabase(path: path)
        let header: HeaderRow = try database.read { db in
            guard try db.tableExists("vault"), try db.tableExists("entry"), try db.tableExists("entryVersion") else {
                throw VaultError.notAVault(path: path, reason: "it has no vault tables")
            }
            if try VaultSchema.migrator.hasBeenSuperseded(db) { throw VaultError.newerFormat(path: path) }
            let rows = try HeaderRow.fetchAll(db)
            guard rows.count == 1, let header = rows.first else {
                throw VaultError.tampered(path: path, detail: "the header table has \(rows.count) rows, expected 1")
            }
            return header
        }
        guard header.format == VaultSchema.cryptoFormat else {
            throw header.format > VaultSchema.cryptoFormat ? .newerFormat(path: path)
                : .notAVault(path: path, reason: "unknown format \(header.format)")
        }
        guard header.vaultID.count == 16, header.salt.count == KeyDerivation.saltLength else {
            throw .tampered(path: path, detail: "the header's vault id or salt has the wrong length")
        }
        let kdf = header.kdfParameters
        let vaultKey: SecretBytes
        do throws(CryptoError) {
            let kek = try KeyDerivation.deriveKey(password: password, salt: Array(header.salt), parameters: kdf)
            vaultKey = try AEAD.open(
                Array(header.wrappedKey), key: kek,
                associatedData: VaultKeys.wrappedKeyAssociatedData(vaultID: Array(header.vaultID), parameters: kdf))
        } catch .authenticationFailed {
            throw .wrongPassword(path: path)
        } catch {
            throw .crypto(error)
        }
        return try Vault(path: path, database: database, vaultKey: vaultKey, vaultID: Array(header.vaultID), kdf: kdf)
    }

    static func wrap(
        _ vaultKey: SecretBytes, password: SecretBytes, salt: [UInt8], vaultID: [UInt8], kdf: KDFParameters
    ) throws(VaultError) -> [UInt8] {
        do throws(CryptoError) {
            let kek = try KeyDerivation.deriveKey(password: password, salt: salt, parameters: kdf)
            return try AEAD.seal(
                vaultKey, key: kek, associatedData: VaultKeys.wrappedKeyAssociatedData(vaultID: vaultID, parameters: kdf))
        } catch {
            throw .crypto(error)
        }
    }

    static func sealState(_ state: VaultState, keys: VaultKeys) throws(VaultError) -> [UInt8] {
        do throws(CryptoError) { return try state.seal(keys: keys) } catch { throw .crypto(error) }
    }

    // MARK: Password

    /// Rewraps the vault key under a new master password (and optionally new KDF costs) in one transaction.
    package func changePassword(to newPassword: SecretBytes, kdf: KDFParameters? = nil) throws(VaultError) {
        guard !newPassword.isEmpty else { throw .emptyPassword }
        let parameters = kdf ?? kdfParameters
        let salt = KeyDerivation.randomSalt()
        let wrapped = try Self.wrap(vaultKey, password: newPassword, salt: salt, vaultID: keys.vaultID, kdf: parameters)
        try database.write { db in
            try db.execute(
                sql: "UPDATE vault SET salt = ?, wrappedKey = ?, kdfAlgorithm = ?, kdfOpsLimit = ?, kdfMemLimit = ? WHERE id = 1",
                arguments: [
                    Data(salt), Data(wrapped), Int(parameters.algorithm), Int64(clamping: parameters.opsLimit),
                    Int64(clamping: parameters.memLimit),
                ])
            guard db.changesCount == 1 else { throw VaultError.tampered(path: path, detail: "the header row is missing") }
        }
        kdfParameters = parameters
    }

    /// Copies the vault, still encrypted, to `destination` through SQLite's online backup API.
    package func backup(to destination: String) throws(VaultError) {
        guard !VaultFiles.exists(destination) else { throw .alreadyExists(path: destination) }
        try VaultFiles.createPrivateFile(destination)
        do {
            let target = try DatabaseQueue(path: destination)
            try database.queue.backup(to: target)
            try target.close()
        } catch {
            VaultFiles.removeVault(at: destination)
            throw VaultDatabase.translate(error, path: destination)
        }
    }

    /// Whether core dumps are currently disabled for this process (they are while a vault is open).
    package static var coreDumpsDisabled: Bool { CoreDumpGuard.currentSoftLimit == 0 }
}
