import Foundation
import GRDB

/// One entry to store with `setMany` (a batch in one transaction).
package struct EntryWrite {
    /// The entry's name.
    package var name: String
    /// The new value.
    package var value: SecretBytes
    /// Field changes.
    package var changes: FieldChanges

    /// A value (and optional field changes) to store under `name`.
    package init(name: String, value: SecretBytes, changes: FieldChanges = FieldChanges()) {
        self.name = name
        self.value = value
        self.changes = changes
    }
}

extension Vault {
    // MARK: Writing

    /// Stores `value` as the new version of `name` (creating the entry if needed); returns the version number.
    /// Earlier versions stay in the history.
    @discardableResult
    package func set(_ name: String, value: SecretBytes, changes: FieldChanges = FieldChanges(), date: Date = Date())
        throws(VaultError) -> Int
    {
        try setMany([EntryWrite(name: name, value: value, changes: changes)], date: date)[0]
    }

    /// Stores several entries in one transaction: all or none of them are committed.
    package func setMany(_ writes: [EntryWrite], date: Date = Date()) throws(VaultError) -> [Int] {
        for write in writes { try EntryName.validate(write.name) }
        return try database.write { db in
            var state = try loadState(db)
            var versions: [Int] = []
            for write in writes {
                versions.append(try store(write, date: date, state: &state, db: db))
            }
            try saveState(state, db: db)
            return versions
        }
    }

    private func store(_ write: EntryWrite, date: Date, state: inout VaultState, db: Database) throws -> Int {
        let lookup = keys.lookup(for: write.name)
        if var head = try EntryHeadRow.filter(Column("lookup") == Data(lookup)).fetchOne(db), let id = head.id {
            let current = try currentRecord(head: head, expectedName: write.name, db: db)
            let version = Int(head.version) + 1
            let fields = write.changes.applied(to: current.fields)
            try insertVersion(
                entryID: id, version: version, name: write.name, value: write.value, fields: fields,
                created: current.created, updated: date, db: db)
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: lookup))
            state.toggle(keys.headDigest(entryID: id, version: version, lookup: lookup))
            head.version = Int64(version)
            try head.update(db)
            return version
        }
        var head = EntryHeadRow(id: nil, lookup: Data(lookup), version: 1)
        try head.insert(db)
        guard let id = head.id else { throw VaultError.database(path: path, message: "insert returned no row id") }
        let fields = write.changes.applied(to: EntryFields())
        try insertVersion(
            entryID: id, version: 1, name: write.name, value: write.value, fields: fields, created: date,
            updated: date, db: db)
        state.toggle(keys.headDigest(entryID: id, version: 1, lookup: lookup))
        state.entryCount += 1
        return 1
    }

    /// Deletes `name` and all of its history.
    package func remove(_ name: String) throws(VaultError) {
        try database.write { db in
            var state = try loadState(db)
            let head = try requireHead(name, db: db)
            _ = try currentRecord(head: head, expectedName: name, db: db)
            let id = head.id ?? 0
            try db.execute(sql: "DELETE FROM entryVersion WHERE entryID = ?", arguments: [id])
            _ = try head.delete(db)
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: Array(head.lookup)))
            state.entryCount -= 1
            try saveState(state, db: db)
        }
    }

    /// Renames an entry, keeping its history (every version is resealed under the new name).
    package func move(_ oldName: String, to newName: String) throws(VaultError) {
        try EntryName.validate(newName)
        try database.write { db in
            var state = try loadState(db)
            var head = try requireHead(oldName, db: db)
            let newLookup = keys.lookup(for: newName)
            if try EntryHeadRow.filter(Column("lookup") == Data(newLookup)).fetchCount(db) > 0 {
                throw VaultError.entryExists(newName)
            }
            let id = head.id ?? 0
            _ = try currentRecord(head: head, expectedName: oldName, db: db)
            for row in try EntryVersionRow.filter(Column("entryID") == id).fetchAll(db) {
                let record = try openVersion(row)
                try db.execute(
                    sql: "UPDATE entryVersion SET sealed = ? WHERE entryID = ? AND version = ?",
                    arguments: [
                        Data(try seal(
                            name: newName, value: record.value, fields: record.fields, created: record.created,
                            updated: record.updated, entryID: id, version: record.version)),
                        id, row.version,
                    ])
            }
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: Array(head.lookup)))
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: newLookup))
            head.lookup = Data(newLookup)
            try head.update(db)
            try saveState(state, db: db)
        }
    }

    // MARK: Reading

    /// The current version of `name`, or version `version` from its history.
    package func get(_ name: String, version: Int? = nil) throws(VaultError) -> EntryRecord {
        try database.read { db in
            try verifyHeads(db)
            let head = try requireHead(name, db: db)
            let current = try currentRecord(head: head, expectedName: name, db: db)
            guard let version, version != current.version else { return current }
            guard version >= 1, version < current.version,
                let row = try EntryVersionRow.fetchOne(db, key: ["entryID": head.id, "version": version])
            else { throw VaultError.versionNotFound(name: name, version: version) }
            return try openVersion(row)
        }
    }

    /// Every version of `name`, oldest first.
    package func history(_ name: String) throws(VaultError) -> [EntryVersionInfo] {
        try database.read { db in
            try verifyHeads(db)
            let head = try requireHead(name, db: db)
            _ = try currentRecord(head: head, expectedName: name, db: db)
            return try EntryVersionRow.filter(Column("entryID") == head.id).order(Column("version")).fetchAll(db)
                .map { row in
                    let record = try openVersion(row)
                    return EntryVersionInfo(
                        version: record.version, stored: record.updated, isCurrent: row.version == head.version)
                }
        }
    }

    /// Entries whose name starts with `prefix` (a whole path component) and that carry `tag`, sorted by name.
    package func list(prefix: String? = nil, tag: String? = nil) throws(VaultError) -> [EntrySummary] {
        try database.read { db in
            try verifyHeads(db)
            var result: [EntrySummary] = []
            try forEachCurrent(db) { summary, _ in
                guard Self.matches(summary.name, prefix: prefix), tag.map(summary.fields.tags.contains) ?? true else { return }
                result.append(summary)
            }
            return result.sorted { $0.name < $1.name }
        }
    }

    /// Decrypted values for export: the named entries, or every entry under `prefix`.
    package func exportEntries(names: [String], prefix: String?) throws(VaultError) -> [ExportEntry] {
        if !names.isEmpty {
            return try names.map { (name) throws(VaultError) in ExportEntry(name: name, value: try get(name).value) }
        }
        return try database.read { db in
            try verifyHeads(db)
            var result: [ExportEntry] = []
            try forEachCurrent(db) { summary, row in
                if Self.matches(summary.name, prefix: prefix) {
                    result.append(ExportEntry(name: summary.name, value: try openVersion(row).value))
                }
            }
            return result.sorted { $0.name < $1.name }
        }
    }

    static func matches(_ name: String, prefix: String?) -> Bool {
        guard let prefix, !prefix.isEmpty else { return true }
        let base = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return name == base || name.hasPrefix(base + "/")
    }
}
