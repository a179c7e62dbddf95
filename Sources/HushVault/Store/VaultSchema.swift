import Foundation
import GRDB

/// The vault's SQLite schema, versioned through GRDB migrations so later releases can migrate it.
///
/// Nothing here is in clear except sizes and counts: names are keyed hashes, every entry version is a
/// sealed box, and the header holds only public KDF parameters, the salt and the wrapped vault key.
enum VaultSchema {
    /// Version of the crypto layout inside the rows (independent of the table layout). Format 1 bound
    /// versions to entry ids only; format 2 binds each to a random per-entry id and the header to the state.
    static let cryptoFormat = 2

    /// The migration each crypto format needs, in order.
    static let migrations = ["v1", "v2"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "vault") { table in
                table.column("id", .integer).primaryKey().check { $0 == 1 }
                table.column("format", .integer).notNull()
                table.column("vaultID", .blob).notNull()
                table.column("kdfAlgorithm", .integer).notNull()
                table.column("kdfOpsLimit", .integer).notNull()
                table.column("kdfMemLimit", .integer).notNull()
                table.column("salt", .blob).notNull()
                table.column("wrappedKey", .blob).notNull()
                table.column("state", .blob).notNull()
            }
            // AUTOINCREMENT: entry ids are never reused, so an old sealed row cannot pose as a new entry.
            try db.create(table: "entry") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("lookup", .blob).notNull().unique()
                table.column("version", .integer).notNull()
            }
            try db.create(table: "entryVersion") { table in
                table.column("entryID", .integer).notNull()
                table.column("version", .integer).notNull()
                table.column("sealed", .blob).notNull()
                table.primaryKey(["entryID", "version"])
            }
        }
        // sqlite_sequence is not authenticated (an attacker can reset it), so each entry also gets a random
        // id that is bound into every sealed version; the header gets a counter bound into the sealed state.
        migrator.registerMigration("v2", migrate: formatTwoTables)
        return migrator
    }

    /// The v2 table changes; also run by the format 1 -> 2 upgrade inside its own transaction, which
    /// then records the migration itself (the upgrade must re-seal every row in the same transaction).
    static func formatTwoTables(_ db: Database) throws {
        try db.alter(table: "entry") { table in
            table.add(column: "uid", .blob).notNull().defaults(sql: "x''")
        }
        try db.alter(table: "vault") { table in
            table.add(column: "headerCounter", .integer).notNull().defaults(to: 0)
        }
    }

    /// One row of `sqlite_master`, whitespace-normalised so the comparison does not hang on formatting.
    struct SchemaObject: Hashable, Comparable {
        var type: String
        var name: String
        var table: String
        var sql: String

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.type, lhs.name) < (rhs.type, rhs.name) }

        var description: String {
            type == "index" || type == "trigger" ? "\(type) \"\(name)\" on \(table)" : "\(type) \"\(name)\""
        }
    }

    /// Every row of `sqlite_master`. Only ASCII whitespace is collapsed and only ASCII is lower-cased:
    /// SQLite treats every other byte as part of an identifier, so anything else must compare exactly.
    static func objects(_ db: Database, path: String = "the reference schema") throws -> [SchemaObject] {
        var result: [SchemaObject] = []
        for row in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master") {
            let type: String? = row[0], name: String? = row[1], table: String? = row[2], sql: String? = row[3]
            guard let type, let name, let table else {
                throw VaultError.tampered(path: path, detail: "the schema table holds a row with no type, name or table")
            }
            result.append(SchemaObject(type: type, name: name, table: table, sql: normalised(sql ?? "")))
        }
        return result.sorted()
    }

    private static func normalised(_ sql: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in sql.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What the migrations up to `lastMigration` create, read from a fresh in-memory database, so the
    /// reference can never drift from the migrations themselves.
    static func expectedObjects(upTo lastMigration: String) throws -> [SchemaObject] {
        referenceLock.lock()
        defer { referenceLock.unlock() }
        if let cached = referenceCache[lastMigration] { return cached }
        let objects = try buildExpectedObjects(upTo: lastMigration)
        referenceCache[lastMigration] = objects
        return objects
    }

    /// Built once per process and migration level: every write transaction compares against it.
    private static let referenceLock = NSLock()
    nonisolated(unsafe) private static var referenceCache: [String: [SchemaObject]] = [:]

    private static func buildExpectedObjects(upTo lastMigration: String) throws -> [SchemaObject] {
        let reference = try DatabaseQueue()
        try migrator.migrate(reference, upTo: lastMigration)
        // AUTOINCREMENT makes SQLite create sqlite_sequence on the first insert; make it exist here too.
        try reference.write { db in
            try db.execute(sql: "INSERT INTO entry (lookup, version) VALUES (x'00', 0)")
            try db.execute(sql: "DELETE FROM entry")
        }
        return try reference.read { db in try objects(db) }
    }

    /// The applied migrations, checked to be a prefix of ours. Throws `newerFormat` for a later release's
    /// file and `tampered` for anything else that is not exactly what our migrations made: a planted
    /// trigger, view, index or table would otherwise run inside our own transactions.
    static func verify(_ db: Database, path: String) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else {
            throw VaultError.notAVault(path: path, reason: "it has no vault tables")
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        if applied.contains(where: { !migrations.contains($0) }) { throw VaultError.newerFormat(path: path) }
        guard !applied.isEmpty, applied == Array(migrations.prefix(applied.count)) else {
            throw VaultError.tampered(path: path, detail: "the migration table lists \(applied), which no hush writes")
        }
        let expected: [SchemaObject]
        do { expected = try expectedObjects(upTo: applied[applied.count - 1]) } catch {
            throw VaultError.database(path: path, message: "cannot build the reference schema: \(error)")
        }
        var found = try objects(db, path: path)
        // sqlite_sequence appears only after the first insert into `entry`.
        if !found.contains(where: { $0.name == "sqlite_sequence" }) {
            found = (found + expected.filter { $0.name == "sqlite_sequence" }).sorted()
        }
        if let object = found.first(where: { $0.sql.utf8.contains { $0 >= 0x80 } || $0.name.utf8.contains { $0 >= 0x80 } }) {
            throw VaultError.tampered(path: path, detail: "the schema's \(object.description) holds non-ASCII text, which no hush writes")
        }
        if found != expected {
            if let extra = found.first(where: { !expected.contains($0) }) {
                let what = expected.contains(where: { $0.name == extra.name }) ? "a changed \(extra.description)" : "an unexpected \(extra.description)"
                throw VaultError.tampered(path: path, detail: "the schema holds \(what), which no hush creates; the file was altered outside hush")
            }
            if let missing = expected.first(where: { !found.contains($0) }) {
                throw VaultError.tampered(path: path, detail: "the schema lacks its \(missing.description)")
            }
            throw VaultError.tampered(path: path, detail: "the schema table lists an object twice; the file was altered outside hush")
        }
        return applied
    }
}

/// The single header row.
struct HeaderRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vault"
    var id: Int = 1
    var format: Int
    var vaultID: Data
    var kdfAlgorithm: Int
    var kdfOpsLimit: Int64
    var kdfMemLimit: Int64
    var salt: Data
    var wrappedKey: Data
    var state: Data
    /// Bumped by every password change; bound into the sealed state (format 2).
    var headerCounter: Int64 = 0

    var kdfParameters: KDFParameters {
        KDFParameters(
            opsLimit: UInt64(clamping: kdfOpsLimit), memLimit: UInt64(clamping: kdfMemLimit),
            algorithm: Int32(clamping: kdfAlgorithm))
    }
}

/// An entry's head: which version is current, found by the keyed hash of its name.
struct EntryHeadRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "entry"
    var id: Int64?
    var lookup: Data
    var version: Int64
    /// 16 random bytes, never reused, bound into every sealed version of the entry (format 2).
    var uid: Data

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One sealed version of an entry.
struct EntryVersionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "entryVersion"
    var entryID: Int64
    var version: Int64
    var sealed: Data
}
