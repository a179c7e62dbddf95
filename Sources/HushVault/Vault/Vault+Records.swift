import Foundation
import GRDB

/// Sealing, opening and verifying rows: every read goes through these checks.
extension Vault {
    func seal(
        name: String, value: SecretBytes, fields: EntryFields, created: Date, updated: Date, entryID: Int64, version: Int
    ) throws(VaultError) -> [UInt8] {
        let plaintext = RecordCodec.encode(name: name, value: value, fields: fields, created: created, updated: updated)
        do throws(CryptoError) {
            return try AEAD.seal(
                plaintext, key: keys.entryKey, associatedData: keys.entryAssociatedData(entryID: entryID, version: version))
        } catch {
            throw .crypto(error)
        }
    }

    func insertVersion(
        entryID: Int64, version: Int, name: String, value: SecretBytes, fields: EntryFields, created: Date,
        updated: Date, db: Database
    ) throws {
        let sealed = try seal(
            name: name, value: value, fields: fields, created: created, updated: updated, entryID: entryID,
            version: version)
        try EntryVersionRow(entryID: entryID, version: Int64(version), sealed: Data(sealed)).insert(db)
    }

    /// Opens one version; fails if it was altered or moved from another entry, version or vault.
    func openVersion(_ row: EntryVersionRow) throws(VaultError) -> EntryRecord {
        let where_ = "entry #\(row.entryID) version \(row.version)"
        let plaintext: SecretBytes
        do throws(CryptoError) {
            plaintext = try AEAD.open(
                Array(row.sealed), key: keys.entryKey,
                associatedData: keys.entryAssociatedData(entryID: row.entryID, version: Int(row.version)))
        } catch {
            throw .tampered(path: path, detail: "\(where_) failed authentication (altered, swapped or replayed)")
        }
        guard let record = RecordCodec.decode(plaintext, version: Int(row.version)) else {
            throw .tampered(path: path, detail: "\(where_) has an unreadable layout")
        }
        return record
    }

    /// The current record of a head, checked against the name it was looked up by.
    func currentRecord(head: EntryHeadRow, expectedName: String?, db: Database) throws -> EntryRecord {
        guard let id = head.id,
            let row = try EntryVersionRow.fetchOne(db, key: ["entryID": id, "version": head.version])
        else {
            throw VaultError.tampered(
                path: path, detail: "entry #\(head.id ?? 0) lost its current version \(head.version)")
        }
        let record = try openVersion(row)
        if let expectedName, record.name != expectedName || keys.lookup(for: record.name) != Array(head.lookup) {
            throw VaultError.tampered(path: path, detail: "the row found for \"\(expectedName)\" belongs to another entry")
        }
        return record
    }

    func requireHead(_ name: String, db: Database) throws -> EntryHeadRow {
        guard let head = try EntryHeadRow.filter(Column("lookup") == Data(keys.lookup(for: name))).fetchOne(db) else {
            throw VaultError.entryNotFound(name)
        }
        return head
    }

    func loadState(_ db: Database) throws -> VaultState {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT state FROM vault WHERE id = 1") else {
            throw VaultError.tampered(path: path, detail: "the header row is missing")
        }
        do throws(CryptoError) {
            return try VaultState.open(Array(sealed), keys: keys)
        } catch {
            throw VaultError.tampered(path: path, detail: "the sealed vault state failed authentication")
        }
    }

    func saveState(_ state: VaultState, db: Database) throws {
        var next = state
        next.generation += 1
        try db.execute(sql: "UPDATE vault SET state = ? WHERE id = 1", arguments: [Data(try Self.sealState(next, keys: keys))])
    }

    /// Recomputes the heads digest from the entry table and compares it with the sealed state, so a
    /// rolled-back, deleted or replayed entry is caught by every command that reads.
    func verifyHeads(_ db: Database) throws {
        let state = try loadState(db)
        let (digest, count) = try recomputeHeads(db)
        guard count == state.entryCount, digest == state.headsDigest else {
            throw VaultError.tampered(
                path: path,
                detail: "the entry table does not match the sealed state (an entry was rolled back, removed or replayed)")
        }
    }

    /// The XOR of every head's keyed digest, and the number of heads.
    func recomputeHeads(_ db: Database) throws -> (digest: [UInt8], count: UInt64) {
        var digest = VaultState.empty.headsDigest
        var message: [UInt8] = []
        message.reserveCapacity(64)
        var output = [UInt8](repeating: 0, count: KeyedHash.digestLength)
        var count: UInt64 = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, version, lookup FROM entry")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let version: Int64 = row[1]
            try row.withUnsafeData(atIndex: 2) { (lookup: Data?) in
                (lookup ?? Data()).withUnsafeBytes {
                    keys.toggleHead(entryID: id, version: version, lookup: $0, into: &digest, message: &message, output: &output)
                }
            }
            count += 1
        }
        return (digest, count)
    }

    /// Opens a sealed version into `scratch` and parses all but its value (no guarded allocation per record).
    func openSummary(entryID: Int64, version: Int64, sealed: Data, scratch: inout SecretBytes) throws(VaultError) -> EntrySummary {
        let where_ = "entry #\(entryID) version \(version)"
        let length: Int
        do throws(CryptoError) {
            length = try AEAD.open(
                sealed, key: keys.entryKey, associatedData: keys.entryAssociatedData(entryID: entryID, version: Int(version)),
                into: &scratch)
        } catch {
            throw .tampered(path: path, detail: "\(where_) failed authentication (altered, swapped or replayed)")
        }
        let parsed = scratch.withUnsafeBytes { RecordCodec.decodeSummary(UnsafeRawBufferPointer(rebasing: $0[..<length]), version: Int(version)) }
        guard let parsed else { throw .tampered(path: path, detail: "\(where_) has an unreadable layout") }
        return parsed.summary
    }

    /// Calls `body` with the current version of every entry (summary and sealed row), checking each name
    /// against its lookup.
    func forEachCurrent(_ db: Database, _ body: (EntrySummary, EntryVersionRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.version, e.lookup, v.sealed FROM entry e
                LEFT JOIN entryVersion v ON v.entryID = e.id AND v.version = e.version
                """)
        var scratch = SecretBytes(count: 1024)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let version: Int64 = row[1]
            guard let sealed: Data = row[3] else {
                throw VaultError.tampered(path: path, detail: "entry #\(id) lost its current version \(version)")
            }
            let summary = try openSummary(entryID: id, version: version, sealed: sealed, scratch: &scratch)
            let lookup: Data = row[2]
            guard keys.lookup(for: summary.name) == Array(lookup) else {
                throw VaultError.tampered(path: path, detail: "entry #\(id) is filed under another name's lookup")
            }
            try body(summary, EntryVersionRow(entryID: id, version: version, sealed: sealed))
        }
    }
}
