import Foundation
import GRDB

/// What a write transaction wrote, read back before it commits: a planted trigger or any other change
/// behind the statements' backs makes the write fail (and roll back) instead of reporting success.
struct WriteCheck {
    /// The sealed state the transaction stored.
    var state: Data
    /// Every version row it inserted or re-sealed.
    var versions: [EntryVersionRow] = []
    /// Every head it inserted or updated.
    var heads: [EntryHeadRow] = []
}

/// Sealing, opening and verifying rows: every read goes through these checks.
extension Vault {
    func seal(
        name: String, value: SecretBytes, fields: EntryFields, created: Date, updated: Date, entryID: Int64,
        uid: Data, version: Int, keys sealingKeys: VaultKeys? = nil
    ) throws(VaultError) -> [UInt8] {
        let keys = sealingKeys ?? self.keys
        // One guarded scratch buffer for every record this vault seals (a batch of writes reuses it).
        let length = RecordCodec.encode(name: name, value: value, fields: fields, created: created, updated: updated, into: &sealScratch)
        let associatedData = keys.entryAssociatedData(entryID: entryID, uid: uid, version: version)
        // The plaintext does not outlive the seal, even in guarded memory.
        defer { sealScratch.withUnsafeMutableBytes { Sodium.zero(UnsafeMutableRawBufferPointer(rebasing: $0[..<length])) } }
        do throws(CryptoError) {
            return try sealScratch.withUnsafeBytes { (all) throws(CryptoError) -> [UInt8] in
                try AEAD.seal(bytes: UnsafeRawBufferPointer(rebasing: all[..<length]), key: keys.entryKey, associatedData: associatedData)
            }
        } catch {
            throw .crypto(error)
        }
    }

    func insertVersion(
        head: EntryHeadRow, version: Int, name: String, value: SecretBytes, fields: EntryFields, created: Date,
        updated: Date, db: Database
    ) throws -> EntryVersionRow {
        let id = head.id ?? 0
        let sealed = try seal(
            name: name, value: value, fields: fields, created: created, updated: updated, entryID: id, uid: head.uid,
            version: version)
        let row = EntryVersionRow(entryID: id, version: Int64(version), sealed: Data(sealed))
        try row.insert(db)
        return row
    }

    /// Opens one version of the entry whose uid is `uid`; fails if it was altered or moved from another
    /// entry, version or vault.
    func openVersion(_ row: EntryVersionRow, uid: Data) throws(VaultError) -> EntryRecord {
        let where_ = "entry #\(row.entryID) version \(row.version)"
        let plaintext: SecretBytes
        do throws(CryptoError) {
            plaintext = try AEAD.open(
                Array(row.sealed), key: keys.entryKey,
                associatedData: keys.entryAssociatedData(entryID: row.entryID, uid: uid, version: Int(row.version)))
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
        guard row.entryID == id, row.version == head.version else {
            throw VaultError.tampered(path: path, detail: "entry #\(id) lost its current version \(head.version)")
        }
        let record = try openVersion(row, uid: head.uid)
        if let expectedName, record.name != expectedName || keys.lookup(for: record.name) != Array(head.lookup) {
            throw VaultError.tampered(path: path, detail: "the row found for \"\(expectedName)\" belongs to another entry")
        }
        return record
    }

    /// Every version of an entry, oldest first, each authenticated and named as the current one: the
    /// whole chain 1...current must be there, so a substituted or missing version is caught by any read.
    func verifiedChain(head: EntryHeadRow, name: String, db: Database) throws -> [EntryRecord] {
        let rows = try EntryVersionRow.filter(Column("entryID") == head.id).order(Column("version")).fetchAll(db)
        guard Int64(rows.count) == head.version, rows.enumerated().allSatisfy({ $0.element.version == Int64($0.offset) + 1 }) else {
            throw VaultError.tampered(
                path: path,
                detail: "entry \"\(name)\" holds versions \(rows.map { String($0.version) }.joined(separator: ",")), "
                    + "expected 1 through \(head.version)")
        }
        var records: [EntryRecord] = []
        for row in rows {
            let record = try openVersion(row, uid: head.uid)
            guard record.name == name else {
                throw VaultError.tampered(path: path, detail: "version \(row.version) of \"\(name)\" belongs to another entry")
            }
            records.append(record)
        }
        return records
    }

    func requireHead(_ name: String, db: Database) throws -> EntryHeadRow {
        let heads = try EntryHeadRow.filter(Column("lookup") == Data(keys.lookup(for: name))).fetchAll(db)
        guard let head = heads.first else { throw VaultError.entryNotFound(name) }
        guard heads.count == 1 else { throw VaultError.tampered(path: path, detail: "two entries are filed under \"\(name)\"") }
        return head
    }

    func loadState(_ db: Database, keys stateKeys: VaultKeys? = nil, format: Int = 2) throws -> VaultState {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT state FROM vault WHERE id = 1") else {
            throw VaultError.tampered(path: path, detail: "the header row is missing")
        }
        do throws(CryptoError) {
            return try VaultState.open(Array(sealed), keys: stateKeys ?? keys, format: format)
        } catch {
            throw VaultError.tampered(path: path, detail: "the sealed vault state failed authentication")
        }
    }

    /// Seals `state` (generation + 1) into the header row; returns what was stored, for the read-back.
    func saveState(_ state: VaultState, db: Database) throws -> Data {
        var next = state
        next.generation += 1
        let sealed = Data(try Self.sealState(next, keys: keys))
        try db.execute(sql: "UPDATE vault SET state = ? WHERE id = 1", arguments: [sealed])
        return sealed
    }

    /// Recomputes the heads digest from the entry table and compares it with the sealed state, so a
    /// rolled-back, deleted or replayed entry is caught by every command that reads.
    func verifyHeads(_ db: Database, format: Int = 2, keys checkKeys: VaultKeys? = nil) throws {
        let state = try loadState(db, keys: checkKeys, format: format)
        let (digest, count) = try recomputeHeads(db, keys: checkKeys ?? keys, withUID: format >= 2)
        guard count == state.entryCount, digest == state.headsDigest else {
            throw VaultError.tampered(
                path: path,
                detail: "the entry table does not match the sealed state (an entry was rolled back, removed or replayed)")
        }
    }

    /// The XOR of every head's keyed digest, and the number of heads. Each head must hold what hush writes,
    /// with SQLite's own types: an integer id and version >= 1, a 32-byte BLOB lookup (and a 16-byte BLOB
    /// uid), no lookup twice. (SQLite compares a TEXT and a BLOB of the same bytes as different values,
    /// while both decode to the same bytes: a lookup cast to TEXT would hide an entry from `get` and let a
    /// second head with its name be written beside it.)
    func recomputeHeads(_ db: Database, keys digestKeys: VaultKeys, withUID: Bool = true) throws -> (digest: [UInt8], count: UInt64) {
        var digest = VaultState.empty.headsDigest
        var message: [UInt8] = []
        message.reserveCapacity(80)
        var output = [UInt8](repeating: 0, count: KeyedHash.digestLength)
        var count: UInt64 = 0
        // Duplicate lookups are found by sorting their first 8 bytes (a Set of Data cost 4x the whole read).
        var prefixes: [UInt64] = []
        let sql = withUID
            ? "SELECT id, version, lookup, uid, typeof(id) = 'integer' AND typeof(version) = 'integer' AND typeof(lookup) = 'blob' AND length(lookup) = 32 AND typeof(uid) = 'blob' AND length(uid) = 16 FROM entry"
            : "SELECT id, version, lookup, x'', typeof(id) = 'integer' AND typeof(version) = 'integer' AND typeof(lookup) = 'blob' AND length(lookup) = 32 FROM entry"
        prefixes.reserveCapacity(1024)
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            let id: Int64? = row[0], version: Int64? = row[1], typed: Bool? = row[4]
            guard let id, let version, typed == true, version >= 1 else {
                throw VaultError.tampered(path: path, detail: "entry #\(id ?? 0) holds a head hush never writes (wrong type, size or version)")
            }
            // The blobs are read in place (no Data copy per head: this loop runs on every command).
            try row.withUnsafeData(atIndex: 2) { (lookup: Data?) in
                try row.withUnsafeData(atIndex: 3) { (uid: Data?) in
                    (lookup ?? Data()).withUnsafeBytes { l in
                        (uid ?? Data()).withUnsafeBytes { u in
                            prefixes.append(l.loadUnaligned(as: UInt64.self))
                            digestKeys.toggleHead(
                                entryID: id, version: version, lookup: l, uid: u, into: &digest, message: &message, output: &output)
                        }
                    }
                }
            }
            count += 1
        }
        prefixes.sort()
        if zip(prefixes, prefixes.dropFirst()).contains(where: { $0 == $1 }) {
            // Two lookups share a prefix: compare them whole (rare: 2^-64 per pair for real lookups).
            var seen = Set<Data>()
            for lookup in try Data.fetchAll(db, sql: "SELECT lookup FROM entry") where !seen.insert(lookup).inserted {
                throw VaultError.tampered(path: path, detail: "two entries are filed under the same name")
            }
        }
        return (digest, count)
    }

    /// Opens a sealed version into `scratch` and parses all but its value (no guarded allocation per record).
    func openSummary(
        entryID: Int64, uid: Data, version: Int64, sealed: Data, scratch: inout SecretBytes
    ) throws(VaultError) -> EntrySummary {
        let where_ = "entry #\(entryID) version \(version)"
        let length: Int
        do throws(CryptoError) {
            length = try AEAD.open(
                sealed, key: keys.entryKey,
                associatedData: keys.entryAssociatedData(entryID: entryID, uid: uid, version: Int(version)), into: &scratch)
        } catch {
            throw .tampered(path: path, detail: "\(where_) failed authentication (altered, swapped or replayed)")
        }
        let parsed = scratch.withUnsafeBytes { RecordCodec.decodeSummary(UnsafeRawBufferPointer(rebasing: $0[..<length]), version: Int(version)) }
        guard let parsed else { throw .tampered(path: path, detail: "\(where_) has an unreadable layout") }
        return parsed.summary
    }

    /// Calls `body` with the current version of every entry (summary, head and sealed row), checking each
    /// name against its lookup.
    func forEachCurrent(_ db: Database, _ body: (EntrySummary, EntryHeadRow, EntryVersionRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.version, e.lookup, e.uid, v.sealed FROM entry e
                LEFT JOIN entryVersion v ON v.entryID = e.id AND v.version = e.version
                """)
        var scratch = SecretBytes(count: 1024)
        while let row = try rows.next() {
            let id: Int64? = row[0], version: Int64? = row[1], lookup: Data? = row[2], uid: Data? = row[3]
            guard let id, let version, let lookup, let uid else {
                throw VaultError.tampered(path: path, detail: "an entry head holds a NULL")
            }
            guard let sealed: Data = row[4] else {
                throw VaultError.tampered(path: path, detail: "entry #\(id) lost its current version \(version)")
            }
            let summary = try openSummary(entryID: id, uid: uid, version: version, sealed: sealed, scratch: &scratch)
            guard keys.lookup(for: summary.name) == Array(lookup) else {
                throw VaultError.tampered(path: path, detail: "entry #\(id) is filed under another name's lookup")
            }
            try body(
                summary, EntryHeadRow(id: id, lookup: lookup, version: version, uid: uid),
                EntryVersionRow(entryID: id, version: version, sealed: sealed))
        }
    }

    // MARK: Checked writes

    /// A write transaction that first verifies the schema and the sealed state (a write never builds on a
    /// vault that no longer verifies), then reads back what `body` wrote before committing.
    func writeChecked<T>(
        verifying: Bool = true, readBackKeys: VaultKeys? = nil, _ body: (Database) throws -> (T, WriteCheck)
    ) throws(VaultError) -> T {
        try database.write { db in
            _ = try VaultSchema.verify(db, path: path)
            if verifying {
                guard try Int64.fetchOne(db, sql: "SELECT headerCounter FROM vault WHERE id = 1") == openedCounter else {
                    throw VaultError.changedElsewhere(path: path)
                }
                try verifyHeads(db)
                try verifyHeader(db)
            }
            let (result, check) = try body(db)
            try readBack(check, keys: readBackKeys ?? keys, db: db)
            return result
        }
    }

    func writeChecked(
        verifying: Bool = true, readBackKeys: VaultKeys? = nil, _ body: (Database) throws -> WriteCheck
    ) throws(VaultError) {
        try writeChecked(verifying: verifying, readBackKeys: readBackKeys) { db in ((), try body(db)) }
    }

    /// Reads back the state, every version and every head the transaction wrote, and re-checks the header
    /// binding. (The heads digest was verified when the transaction began and the schema, checked then too,
    /// holds no trigger that could touch other rows, so the written rows are all that can differ.)
    private func readBack(_ check: WriteCheck, keys checkKeys: VaultKeys, db: Database) throws {
        let changed = VaultError.tampered(
            path: path, detail: "what was written did not read back (a trigger or another writer changed it); nothing was saved")
        guard try Data.fetchOne(db, sql: "SELECT state FROM vault WHERE id = 1") == check.state else { throw changed }
        let version = try db.cachedStatement(sql: "SELECT sealed FROM entryVersion WHERE entryID = ? AND version = ?")
        for row in check.versions {
            guard try Data.fetchOne(version, arguments: [row.entryID, row.version]) == row.sealed else { throw changed }
        }
        let head = try db.cachedStatement(sql: "SELECT version, lookup, uid FROM entry WHERE id = ?")
        for written in check.heads {
            guard let id = written.id, let stored = try Row.fetchOne(head, arguments: [id]),
                stored[0] as Int64 == written.version, stored[1] as Data == written.lookup, stored[2] as Data == written.uid
            else { throw changed }
        }
        let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? -1
        guard UInt64(clamping: count) == (try loadState(db, keys: checkKeys).entryCount) else { throw changed }
        do {
            try verifyHeader(db, keys: checkKeys)
        } catch {
            throw changed
        }
    }
}
