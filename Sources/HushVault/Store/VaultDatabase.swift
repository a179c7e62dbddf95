import Foundation
import GRDB

/// The vault's SQLite connection: WAL (set once at creation), a busy timeout so concurrent writers wait instead of failing,
/// IMMEDIATE write transactions, and SQLite errors turned into `VaultError`.
struct VaultDatabase {
    let path: String
    let queue: DatabaseQueue

    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 30

    /// Opens an existing file (`create` false) or a freshly created empty one.
    init(path: String) throws(VaultError) {
        self.path = path
        var configuration = Configuration()
        // WAL is switched on once by `enableWAL` at creation and persists in the file header; GRDB's own WAL
        // setup is not used because it writes a dummy table on every open (a wrong password must change nothing).
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            // FULL: a committed entry survives power loss, not only a crashed process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Puts a new vault file in WAL mode (readers never block the writer; commits are atomic appends).
    func enableWAL() throws(VaultError) {
        do {
            let mode = try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
            guard mode == "wal" else { throw VaultError.database(path: path, message: "could not switch to WAL mode") }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Creates or upgrades the schema.
    func migrate() throws(VaultError) {
        do {
            try VaultSchema.migrator.migrate(queue)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in an IMMEDIATE transaction (takes the write lock up front, so two writers never
    /// deadlock upgrading a read lock) and commits; any thrown error rolls everything back.
    func write<T>(_ body: (Database) throws -> T) throws(VaultError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else {
                    throw VaultError.database(path: path, message: "the transaction ended without a result")
                }
                return result
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot under WAL).
    func read<T>(_ body: (Database) throws -> T) throws(VaultError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> VaultError {
        if let vaultError = error as? VaultError { return vaultError }
        if let cryptoError = error as? CryptoError { return .crypto(cryptoError) }
        guard let databaseError = error as? DatabaseError else {
            return .database(path: path, message: String(describing: error))
        }
        let message = databaseError.message ?? "\(databaseError.resultCode)"
        switch databaseError.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return .notAVault(path: path, reason: "not an SQLite database")
        case .SQLITE_CORRUPT: return .corrupted(path: path, detail: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN: return .io(path: path, message: "cannot open: \(message)")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .io(path: path, message: message)
        default: return .database(path: path, message: message)
        }
    }
}
