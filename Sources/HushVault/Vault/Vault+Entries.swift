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

/// What an import did.
package struct ImportSummary: Sendable, Equatable {
    /// Entries created.
    package var added = 0
    /// Entries given a new version.
    package var changed = 0
    /// Entries whose value and fields were already as given (no new version).
    package var unchanged = 0
    /// Every name stored or left alone, in input order, for `--verbose`.
    package var names: [String] = []
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
        var normalised = writes
        for index in normalised.indices { normalised[index].name = try EntryName.validate(normalised[index].name) }
        return try writeChecked { db in
            var state = try loadState(db)
            var check = WriteCheck(state: Data())
            var versions: [Int] = []
            for write in normalised {
                versions.append(try store(write, date: date, state: &state, check: &check, skipUnchanged: false, db: db) ?? 0)
            }
            check.state = try saveState(state, db: db)
            return (versions, check)
        }
    }

    /// Stores entries as `next` yields them: in one transaction (all or nothing) unless `batchSize` asks for
    /// a commit every N entries. An entry whose value and fields are unchanged gets no new version.
    /// Values are sealed as they arrive, so memory does not grow with the input.
    /// `committed` is called with the names of each transaction once it has committed.
    package func importEntries(
        batchSize: Int? = nil, date: Date = Date(), committed: ([String]) -> Void = { _ in },
        next: () throws(VaultError) -> EntryWrite?
    ) throws(VaultError) -> ImportSummary {
        var summary = ImportSummary()
        var finished = false
        while !finished {
            let batch: ImportSummary = try writeChecked { db in
                var state = try loadState(db)
                var check = WriteCheck(state: Data())
                var part = ImportSummary()
                var count = 0
                while batchSize.map({ count < $0 }) ?? true {
                    guard var write = try next() else {
                        finished = true
                        break
                    }
                    write.name = try EntryName.validate(write.name)
                    switch try store(write, date: date, state: &state, check: &check, skipUnchanged: true, db: db) {
                    case nil: part.unchanged += 1
                    case 1?: part.added += 1
                    default: part.changed += 1
                    }
                    part.names.append(write.name)
                    count += 1
                }
                check.state = try saveState(state, db: db)
                return (part, check)
            }
            summary.added += batch.added
            summary.changed += batch.changed
            summary.unchanged += batch.unchanged
            summary.names += batch.names
            committed(batch.names)
        }
        return summary
    }

    /// Writes one entry; nil when `skipUnchanged` found it already as given.
    private func store(
        _ write: EntryWrite, date: Date, state: inout VaultState, check: inout WriteCheck, skipUnchanged: Bool,
        db: Database
    ) throws -> Int? {
        let lookup = keys.lookup(for: write.name)
        if var head = try EntryHeadRow.filter(Column("lookup") == Data(lookup)).fetchOne(db), let id = head.id {
            let current = try currentRecord(head: head, expectedName: write.name, db: db)
            let fields = write.changes.applied(to: current.fields)
            if skipUnchanged, fields == current.fields, current.value.constantTimeEquals(write.value) { return nil }
            let version = Int(head.version) + 1
            check.versions.append(try insertVersion(
                head: head, version: version, name: write.name, value: write.value, fields: fields,
                created: current.created, updated: date, db: db))
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: lookup, uid: head.uid))
            state.toggle(keys.headDigest(entryID: id, version: version, lookup: lookup, uid: head.uid))
            head.version = Int64(version)
            try head.update(db)
            check.heads.append(head)
            return version
        }
        var head = EntryHeadRow(id: nil, lookup: Data(lookup), version: 1, uid: Data(Sodium.randomBytes(count: 16)))
        try head.insert(db)
        guard let id = head.id else { throw VaultError.database(path: path, message: "insert returned no row id") }
        let fields = write.changes.applied(to: EntryFields())
        check.versions.append(try insertVersion(
            head: head, version: 1, name: write.name, value: write.value, fields: fields, created: date,
            updated: date, db: db))
        state.toggle(keys.headDigest(entryID: id, version: 1, lookup: lookup, uid: head.uid))
        state.entryCount += 1
        check.heads.append(head)
        return 1
    }

    /// Deletes `name` and all of its history.
    package func remove(_ name: String) throws(VaultError) {
        let name = try EntryName.validate(name)
        try writeChecked { db in
            var state = try loadState(db)
            let head = try requireHead(name, db: db)
            _ = try currentRecord(head: head, expectedName: name, db: db)
            let id = head.id ?? 0
            try db.execute(sql: "DELETE FROM entryVersion WHERE entryID = ?", arguments: [id])
            _ = try head.delete(db)
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: head.lookup, uid: head.uid))
            state.entryCount -= 1
            let sealed = try saveState(state, db: db)
            guard try EntryVersionRow.filter(Column("entryID") == id).fetchCount(db) == 0,
                try EntryHeadRow.fetchOne(db, key: id) == nil
            else {
                throw VaultError.tampered(path: path, detail: "entry \"\(name)\" did not go away; nothing was saved")
            }
            return WriteCheck(state: sealed)
        }
    }

    /// Renames an entry, keeping its history (every version is resealed under the new name).
    package func move(_ oldName: String, to newName: String) throws(VaultError) {
        let oldName = try EntryName.validate(oldName)
        let newName = try EntryName.validate(newName)
        try writeChecked { db in
            var state = try loadState(db)
            var head = try requireHead(oldName, db: db)
            let newLookup = keys.lookup(for: newName)
            if try EntryHeadRow.filter(Column("lookup") == Data(newLookup)).fetchCount(db) > 0 {
                throw VaultError.entryExists(newName)
            }
            let id = head.id ?? 0
            var check = WriteCheck(state: Data())
            for record in try verifiedChain(head: head, name: oldName, db: db) {
                let sealed = Data(try seal(
                    name: newName, value: record.value, fields: record.fields, created: record.created,
                    updated: record.updated, entryID: id, uid: head.uid, version: record.version))
                try db.execute(
                    sql: "UPDATE entryVersion SET sealed = ? WHERE entryID = ? AND version = ?",
                    arguments: [sealed, id, record.version])
                check.versions.append(EntryVersionRow(entryID: id, version: Int64(record.version), sealed: sealed))
            }
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: head.lookup, uid: head.uid))
            state.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: newLookup, uid: head.uid))
            head.lookup = Data(newLookup)
            try head.update(db)
            check.heads.append(head)
            check.state = try saveState(state, db: db)
            return check
        }
    }

    // MARK: Reading

    /// The current version of `name`, or version `version` from its history (the whole chain verified).
    package func get(_ name: String, version: Int? = nil) throws(VaultError) -> EntryRecord {
        let name = try EntryName.validate(name)
        return try database.read { db in
            try verifyHeads(db)
            let head = try requireHead(name, db: db)
            let current = try currentRecord(head: head, expectedName: name, db: db)
            guard let version, version != current.version else { return current }
            guard version >= 1, version < current.version else { throw VaultError.versionNotFound(name: name, version: version) }
            return try verifiedChain(head: head, name: name, db: db)[version - 1]
        }
    }

    /// Every version of `name`, oldest first (the whole chain verified).
    package func history(_ name: String) throws(VaultError) -> [EntryVersionInfo] {
        let name = try EntryName.validate(name)
        return try database.read { db in
            try verifyHeads(db)
            let head = try requireHead(name, db: db)
            _ = try currentRecord(head: head, expectedName: name, db: db)
            return try verifiedChain(head: head, name: name, db: db).map { record in
                EntryVersionInfo(version: record.version, stored: record.updated, isCurrent: record.version == head.version)
            }
        }
    }

    /// Entries whose name starts with `prefix` (a whole path component) and that carry `tag`, sorted by name.
    package func list(prefix: String? = nil, tag: String? = nil) throws(VaultError) -> [EntrySummary] {
        try database.read { db in
            try verifyHeads(db)
            var result: [EntrySummary] = []
            try forEachCurrent(db) { summary, _, _ in
                guard Self.matches(summary.name, prefix: prefix), tag.map(summary.fields.tags.contains) ?? true else { return }
                result.append(summary)
            }
            return result.sorted { $0.name < $1.name }
        }
    }

    /// Decrypted values for export: the named entries, or every entry under `prefix`.
    package func exportEntries(names: [String], prefix: String?) throws(VaultError) -> [ExportEntry] {
        let names = try names.map { (name) throws(VaultError) in try EntryName.validate(name) }
        return try database.read { db in
            // One verification of the sealed state for the whole export, then each entry read.
            try verifyHeads(db)
            if !names.isEmpty {
                return try names.map { name in
                    let record = try currentRecord(head: try requireHead(name, db: db), expectedName: name, db: db)
                    return ExportEntry(name: record.name, value: record.value)
                }
            }
            var result: [ExportEntry] = []
            try forEachCurrent(db) { summary, head, row in
                if Self.matches(summary.name, prefix: prefix) {
                    result.append(ExportEntry(name: summary.name, value: try openVersion(row, uid: head.uid).value))
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
