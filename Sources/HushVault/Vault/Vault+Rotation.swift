import Foundation
import GRDB

extension Vault {
    /// Re-seals the whole vault under `newKeys` inside the caller's transaction: every version (new
    /// associated data), every name lookup (the lookup key is derived from the vault key), the heads digest,
    /// the header (changed by `header`, counter bumped) and the state bound to it.
    ///
    /// With `formatOne`, the rows are read as format 1 (no uids; the old state layout), verified as such,
    /// and the v2 tables are added first, so an old vault becomes a format-2 vault in one step.
    func reseal(
        _ db: Database, to newKeys: VaultKeys, header change: (inout HeaderRow) -> Void, formatOne: Bool
    ) throws -> WriteCheck {
        let oldFormat = formatOne ? 1 : 2
        if formatOne {
            try verifyHeads(db, format: 1)
            try VaultSchema.formatTwoTables(db)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2')")
        }
        let oldState = try loadState(db, format: oldFormat)
        var heads: [Int64: EntryHeadRow] = [:]
        for head in try EntryHeadRow.fetchAll(db) { heads[head.id ?? 0] = head }
        var newHeads: [Int64: EntryHeadRow] = [:]
        var check = WriteCheck(state: Data())
        check.versions.reserveCapacity(heads.count)
        // Current versions first, so each new lookup comes from the name the head points at. One guarded
        // scratch buffer holds each plaintext in turn; the statements are prepared once.
        let rows = try EntryVersionRow.order(Column("entryID"), Column("version").desc).fetchAll(db)
        let update = try db.cachedStatement(sql: "UPDATE entryVersion SET sealed = ? WHERE entryID = ? AND version = ?")
        var scratch = SecretBytes(count: 1024)
        // Each chain must run head.version, head.version - 1, ... 1, every version named as the current one:
        // re-sealing must never launder a substituted or replayed row into the new format.
        var expected: [Int64: Int64] = [:]
        var currentNames: [Int64: String] = [:]
        var renamed: [Int64: String] = [:]
        var newLookups = Set<Data>()
        for row in rows {
            guard var head = heads[row.entryID] else {
                throw VaultError.tampered(path: path, detail: "versions belong to entry #\(row.entryID), which does not exist")
            }
            let oldData = formatOne
                ? keys.formatOneEntryAssociatedData(entryID: row.entryID, version: Int(row.version))
                : keys.entryAssociatedData(entryID: row.entryID, uid: head.uid, version: Int(row.version))
            let length: Int
            do throws(CryptoError) {
                length = try AEAD.open(row.sealed, key: keys.entryKey, associatedData: oldData, into: &scratch)
            } catch {
                throw VaultError.tampered(
                    path: path, detail: "entry #\(row.entryID) version \(row.version) failed authentication (altered, swapped or replayed)")
            }
            let summary = scratch.withUnsafeBytes {
                RecordCodec.decodeSummary(UnsafeRawBufferPointer(rebasing: $0[..<length]), version: Int(row.version))
            }
            guard row.version == expected[row.entryID, default: head.version], row.version >= 1 else {
                throw VaultError.tampered(
                    path: path, detail: "entry #\(row.entryID) has a gap or an extra row in its history at version \(row.version)")
            }
            expected[row.entryID] = row.version - 1
            if let current = currentNames[row.entryID], summary?.summary.name != current {
                throw VaultError.tampered(path: path, detail: "version \(row.version) of \"\(current)\" belongs to another entry")
            }
            if newHeads[row.entryID] == nil {
                guard row.version == head.version, let name = summary?.summary.name, keys.lookup(for: name) == Array(head.lookup)
                else {
                    throw VaultError.tampered(path: path, detail: "entry #\(row.entryID) lost its current version \(head.version)")
                }
                currentNames[row.entryID] = name
                // Names are NFC since format 2: an older vault's NFD name is re-sealed in NFC so `get` finds it.
                let normalised = formatOne ? name.precomposedStringWithCanonicalMapping : name
                if !normalised.utf8.elementsEqual(name.utf8) { renamed[row.entryID] = normalised }
                head.lookup = Data(newKeys.lookup(for: normalised))
                guard newLookups.insert(head.lookup).inserted else {
                    throw VaultError.input("two entries have the same name once written in Unicode NFC (\"\(normalised)\"); rename one with the earlier hush first")
                }
                if formatOne { head.uid = Data(Sodium.randomBytes(count: 16)) }
                newHeads[row.entryID] = head
            }
            let uid = newHeads[row.entryID]?.uid ?? head.uid
            let newData = newKeys.entryAssociatedData(entryID: row.entryID, uid: uid, version: Int(row.version))
            let sealed: Data
            do throws(CryptoError) {
                if let newName = renamed[row.entryID] {
                    guard let record = RecordCodec.decode(scratch.slice(0..<length), version: Int(row.version)) else {
                        throw .malformedCiphertext(length: length)
                    }
                    let plaintext = RecordCodec.encode(
                        name: newName, value: record.value, fields: record.fields, created: record.created, updated: record.updated)
                    sealed = Data(try AEAD.seal(plaintext, key: newKeys.entryKey, associatedData: newData))
                } else {
                    sealed = Data(try scratch.withUnsafeBytes { (all) throws(CryptoError) -> [UInt8] in
                        try AEAD.seal(bytes: UnsafeRawBufferPointer(rebasing: all[..<length]), key: newKeys.entryKey, associatedData: newData)
                    })
                }
            } catch {
                throw VaultError.crypto(error)
            }
            try update.execute(arguments: [sealed, row.entryID, row.version])
            check.versions.append(EntryVersionRow(entryID: row.entryID, version: row.version, sealed: sealed))
        }
        guard newHeads.count == heads.count, expected.values.allSatisfy({ $0 == 0 }) else {
            throw VaultError.tampered(path: path, detail: "an entry's history is missing versions")
        }
        var state = VaultState.empty
        state.generation = oldState.generation + 1
        for head in newHeads.values.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            try head.update(db)
            state.toggle(newKeys.headDigest(entryID: head.id ?? 0, version: Int(head.version), lookup: head.lookup, uid: head.uid))
            state.entryCount += 1
            check.heads.append(head)
        }
        guard var header = try HeaderRow.fetchOne(db, key: 1) else {
            throw VaultError.tampered(path: path, detail: "the header row is missing")
        }
        change(&header)
        header.format = VaultSchema.cryptoFormat
        header.headerCounter += 1
        state.headerDigest = newKeys.headerDigest(header)
        header.state = Data(try Self.sealState(state, keys: newKeys))
        try header.update(db)
        check.state = header.state
        return check
    }
}
