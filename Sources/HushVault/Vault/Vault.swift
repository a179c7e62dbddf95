import Foundation
import GRDB

/// An unlocked vault: the facade every command goes through.
///
/// Master password → Argon2id (parameters stored in the header, bounded to the levels hush writes) →
/// key-encryption key, which opens the random 32-byte vault key (XChaCha20-Poly1305). Sub-keys of the
/// vault key seal entries and the state and hash names. Keys live in guarded memory; core dumps stay off
/// while any vault is open.
package final class Vault {
    /// The vault file.
    package let path: String
    let database: VaultDatabase
    private(set) var keys: VaultKeys
    private var vaultKey: SecretBytes
    private let coreDumps = CoreDumpGuard()
    /// The Argon2id parameters the master password is currently hashed with.
    package private(set) var kdfParameters: KDFParameters
    /// True when `open` found a format-1 vault and upgraded it (re-sealed under a new vault key).
    package private(set) var wasUpgraded = false
    /// The header counter this process unlocked; a write finding another one knows the key may have moved.
    var openedCounter: Int64 = 0
    /// Guarded scratch for record plaintexts being sealed (zeroed and freed with the vault).
    var sealScratch = SecretBytes(count: 512)

    private init(path: String, database: VaultDatabase, vaultKey: SecretBytes, vaultID: [UInt8], kdf: KDFParameters)
        throws(VaultError)
    {
        self.path = path
        self.database = database
        self.vaultKey = vaultKey
        self.kdfParameters = kdf
        keys = try Self.keys(for: vaultKey, vaultID: vaultID)
    }

    static func keys(for vaultKey: SecretBytes, vaultID: [UInt8]) throws(VaultError) -> VaultKeys {
        do throws(CryptoError) { return try VaultKeys(vaultKey: vaultKey, vaultID: vaultID) } catch { throw .crypto(error) }
    }

    // MARK: Create and open

    /// Creates a new vault file (mode 0600; missing directories 0700) protected by `password`.
    package static func create(at path: String, password: SecretBytes, kdf: KDFParameters) throws(VaultError) -> Vault {
        guard !password.isEmpty else { throw .emptyPassword }
        guard KDFLevel(parameters: kdf) != nil else { throw .invalidHeader(path: path, detail: "unsupported KDF parameters \(kdf)") }
        guard !VaultFiles.exists(path) else { throw .alreadyExists(path: path) }
        try VaultFiles.createPrivateParents(of: path)
        try VaultFiles.createPrivateFile(path)
        do throws(VaultError) {
            let database = try VaultDatabase(path: path)
            let vaultID = Sodium.randomBytes(count: 16)
            let vaultKey = SecretBytes.random(count: AEAD.keyLength)
            let salt = KeyDerivation.randomSalt()
            let kek = try deriveKEK(password: password, salt: salt, kdf: kdf)
            let wrapped = try wrap(vaultKey, kek: kek, vaultID: vaultID, kdf: kdf)
            let vault = try Vault(path: path, database: database, vaultKey: vaultKey, vaultID: vaultID, kdf: kdf)
            var header = HeaderRow(
                format: VaultSchema.cryptoFormat, vaultID: Data(vaultID), kdfAlgorithm: Int(kdf.algorithm),
                kdfOpsLimit: Int64(clamping: kdf.opsLimit), kdfMemLimit: Int64(clamping: kdf.memLimit),
                salt: Data(salt), wrappedKey: Data(wrapped), state: Data(), headerCounter: 1)
            var state = VaultState.empty
            state.headerDigest = vault.keys.headerDigest(header)
            header.state = Data(try sealState(state, keys: vault.keys))
            try database.enableWAL()
            try database.migrate()
            try database.write { db in try header.insert(db) }
            vault.openedCounter = header.headerCounter
            return vault
        } catch {
            VaultFiles.removeVault(at: path)
            throw error
        }
    }

    /// Opens and unlocks an existing vault; throws `wrongPassword` (nothing changed) when it does not fit.
    /// A format-1 vault is verified as such and upgraded in one transaction (every record re-sealed under a
    /// new vault key). Another process changing the header while Argon2id runs (a `passwd`, an upgrade)
    /// makes it start again rather than report tampering.
    package static func open(at path: String, password: SecretBytes) throws(VaultError) -> Vault {
        guard !password.isEmpty else { throw .emptyPassword }
        guard VaultFiles.exists(path) else { throw .noVault(path: path) }
        let database = try VaultDatabase(path: path)
        for _ in 0..<3 {
            let header = try readHeader(database, path: path)
            try validate(header, path: path)
            let kdf = header.kdfParameters
            let kek = try deriveKEK(password: password, salt: Array(header.salt), kdf: kdf)
            let vault: Vault? = try database.read { db in
                // The header again, in the transaction that verifies it: unchanged since Argon2id started?
                let again = try readHeader(db, path: path)
                guard again.salt == header.salt, again.wrappedKey == header.wrappedKey, again.format == header.format,
                    again.kdfParameters == kdf, again.headerCounter == header.headerCounter
                else { return nil }
                let vaultKey: SecretBytes
                do throws(CryptoError) {
                    vaultKey = try AEAD.open(
                        Array(header.wrappedKey), key: kek,
                        associatedData: VaultKeys.wrappedKeyAssociatedData(vaultID: Array(header.vaultID), parameters: kdf))
                } catch .authenticationFailed {
                    throw VaultError.wrongPassword(path: path)
                } catch {
                    throw VaultError.crypto(error)
                }
                let vault = try Vault(
                    path: path, database: database, vaultKey: vaultKey, vaultID: Array(header.vaultID), kdf: kdf)
                vault.openedCounter = header.headerCounter
                if header.format >= 2 { try vault.verifyHeader(db) }
                return vault
            }
            guard let vault else { continue }
            guard header.format == 1 else { return vault }
            do {
                try vault.rotate(kek: kek, salt: Array(header.salt), kdf: kdf, upgradingFormatOne: true)
            } catch .changedElsewhere {
                continue  // another process upgraded it first: open the format-2 vault it left
            }
            vault.wasUpgraded = true
            return vault
        }
        throw .changedElsewhere(path: path)
    }

    private static func readHeader(_ database: VaultDatabase, path: String) throws(VaultError) -> HeaderRow {
        try database.read { db in try readHeader(db, path: path) }
    }

    private static func readHeader(_ db: Database, path: String) throws -> HeaderRow {
        let applied = try VaultSchema.verify(db, path: path)
        // Format 1 has no header counter: it reads as 0 until the upgrade adds the column.
        let rows = applied.count == 1
            ? try HeaderRow.fetchAll(db, sql: "SELECT *, 0 AS headerCounter FROM vault") : try HeaderRow.fetchAll(db)
        guard rows.count == 1, let header = rows.first else {
            throw VaultError.tampered(path: path, detail: "the header table has \(rows.count) rows, expected 1")
        }
        guard header.format == applied.count else {
            if header.format > VaultSchema.cryptoFormat { throw VaultError.newerFormat(path: path) }
            throw VaultError.invalidHeader(
                path: path, detail: "format \(header.format) does not fit the tables of format \(applied.count)")
        }
        return header
    }

    /// Checks what can be checked before the password is used: lengths, and KDF parameters that are exactly
    /// one of the levels hush writes (so a hostile header cannot make Argon2id run for hours or take gigabytes).
    static func validate(_ header: HeaderRow, path: String) throws(VaultError) {
        guard header.vaultID.count == 16, header.salt.count == KeyDerivation.saltLength else {
            throw .invalidHeader(path: path, detail: "the vault id or salt has the wrong length")
        }
        guard header.wrappedKey.count == AEAD.keyLength + AEAD.overhead else {
            throw .invalidHeader(path: path, detail: "the wrapped vault key has the wrong length")
        }
        guard KDFLevel(parameters: header.kdfParameters) != nil else {
            throw .invalidHeader(
                path: path,
                detail: "its KDF parameters (algorithm \(header.kdfAlgorithm), \(header.kdfOpsLimit) passes, "
                    + "\(header.kdfMemLimit) bytes) are not a level hush writes")
        }
    }

    /// The sealed state must name exactly this header: catches an older header spliced back in.
    func verifyHeader(_ db: Database, keys checkKeys: VaultKeys? = nil) throws {
        let keys = checkKeys ?? self.keys
        let state = try loadState(db, keys: keys)
        guard let header = try HeaderRow.fetchOne(db, key: 1) else {
            throw VaultError.tampered(path: path, detail: "the header row is missing")
        }
        guard state.headerDigest == keys.headerDigest(header) else {
            throw VaultError.tampered(
                path: path, detail: "the header does not match the sealed state (an older header was spliced in)")
        }
    }

    static func deriveKEK(password: SecretBytes, salt: [UInt8], kdf: KDFParameters) throws(VaultError) -> SecretBytes {
        do throws(CryptoError) {
            return try KeyDerivation.deriveKey(password: password, salt: salt, parameters: kdf)
        } catch {
            throw .crypto(error)
        }
    }

    static func wrap(_ vaultKey: SecretBytes, kek: SecretBytes, vaultID: [UInt8], kdf: KDFParameters) throws(VaultError)
        -> [UInt8]
    {
        do throws(CryptoError) {
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

    /// A new master password (and optionally new KDF costs) in one transaction. With `rotateKey` (the
    /// default) every record is re-sealed under a fresh vault key, so an old copy of the file and the old
    /// password open nothing stored from now on; without it only the vault key is rewrapped.
    package func changePassword(to newPassword: SecretBytes, kdf: KDFParameters? = nil, rotateKey: Bool = true)
        throws(VaultError)
    {
        guard !newPassword.isEmpty else { throw .emptyPassword }
        let parameters = kdf ?? kdfParameters
        guard KDFLevel(parameters: parameters) != nil else {
            throw .invalidHeader(path: path, detail: "unsupported KDF parameters \(parameters)")
        }
        let salt = KeyDerivation.randomSalt()
        let kek = try Self.deriveKEK(password: newPassword, salt: salt, kdf: parameters)
        if rotateKey {
            try rotate(kek: kek, salt: salt, kdf: parameters, upgradingFormatOne: false)
            return
        }
        let wrapped = try Self.wrap(vaultKey, kek: kek, vaultID: keys.vaultID, kdf: parameters)
        var newCounter = openedCounter
        try writeChecked { db in
            guard var header = try HeaderRow.fetchOne(db, key: 1) else {
                throw VaultError.tampered(path: path, detail: "the header row is missing")
            }
            header.salt = Data(salt)
            header.wrappedKey = Data(wrapped)
            header.kdfAlgorithm = Int(parameters.algorithm)
            header.kdfOpsLimit = Int64(clamping: parameters.opsLimit)
            header.kdfMemLimit = Int64(clamping: parameters.memLimit)
            header.headerCounter += 1
            var state = try loadState(db)
            state.headerDigest = keys.headerDigest(header)
            state.generation += 1
            header.state = Data(try Self.sealState(state, keys: keys))
            try header.update(db)
            newCounter = header.headerCounter
            return WriteCheck(state: header.state)
        }
        openedCounter = newCounter
        kdfParameters = parameters
    }

    /// Re-seals every version, lookup and head under a fresh vault key wrapped by `kek`, in one transaction.
    private func rotate(kek: SecretBytes, salt: [UInt8], kdf: KDFParameters, upgradingFormatOne: Bool) throws(VaultError) {
        let newKey = SecretBytes.random(count: AEAD.keyLength)
        let newKeys = try Self.keys(for: newKey, vaultID: keys.vaultID)
        let wrapped = try Self.wrap(newKey, kek: kek, vaultID: keys.vaultID, kdf: kdf)
        var newCounter = openedCounter
        try writeChecked(verifying: !upgradingFormatOne, readBackKeys: newKeys) { db in
            if upgradingFormatOne, try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v2") {
                throw VaultError.changedElsewhere(path: path)
            }
            defer { newCounter = (try? Int64.fetchOne(db, sql: "SELECT headerCounter FROM vault")) ?? newCounter }
            return try reseal(
                db, to: newKeys, header: { header in
                    header.salt = Data(salt)
                    header.wrappedKey = Data(wrapped)
                    header.kdfAlgorithm = Int(kdf.algorithm)
                    header.kdfOpsLimit = Int64(clamping: kdf.opsLimit)
                    header.kdfMemLimit = Int64(clamping: kdf.memLimit)
                }, formatOne: upgradingFormatOne)
        }
        vaultKey = newKey
        keys = newKeys
        kdfParameters = kdf
        openedCounter = newCounter
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
