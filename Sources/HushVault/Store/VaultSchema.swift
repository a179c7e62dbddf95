import Foundation
import GRDB

/// The vault's SQLite schema, versioned through GRDB migrations so later releases can migrate it.
///
/// Nothing here is in clear except sizes and counts: names are keyed hashes, every entry version is a
/// sealed box, and the header holds only public KDF parameters, the salt and the wrapped vault key.
enum VaultSchema {
    /// Version of the crypto layout inside the rows (independent of the table layout).
    static let cryptoFormat = 1

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
        return migrator
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
