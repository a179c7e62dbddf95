import Foundation
import GRDB

/// What `check` found.
public struct IntegrityReport: Sendable, Equatable {
    /// Entries examined.
    public var entries: Int = 0
    /// Sealed versions decrypted and authenticated.
    public var versions: Int = 0
    /// Each problem found, in words (never a value).
    public var problems: [String] = []

    /// True when nothing was found wrong.
    public var isClean: Bool { problems.isEmpty }
}

extension Vault {
    /// Decrypts every record, verifies every tag, the name index, the history chain and the sealed state,
    /// and runs SQLite's integrity check. Reports problems instead of stopping at the first one.
    public func check() throws(VaultError) -> IntegrityReport {
        try database.read { db in
            var report = IntegrityReport()
            let sqliteResult = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if sqliteResult != ["ok"] {
                report.problems += sqliteResult.prefix(20).map { "SQLite integrity check: \($0)" }
            }
            var state: VaultState?
            do { state = try loadState(db) } catch let error as VaultError {
                report.problems.append(error.localizedDescription)
            }
            var recomputed = VaultState.empty
            var versionsByEntry: [Int64: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT entryID, version FROM entryVersion") {
                versionsByEntry[row[0], default: []].append(row[1])
            }
            for head in try EntryHeadRow.fetchAll(db) {
                report.entries += 1
                let id = head.id ?? 0
                recomputed.toggle(keys.headDigest(entryID: id, version: Int(head.version), lookup: Array(head.lookup)))
                recomputed.entryCount += 1
                let versions = (versionsByEntry.removeValue(forKey: id) ?? []).sorted()
                if versions != Array(1...max(head.version, 1)) {
                    report.problems.append(
                        "entry #\(id): history holds versions \(versions.map(String.init).joined(separator: ",")), "
                            + "expected 1 through \(head.version)")
                }
                for row in try EntryVersionRow.filter(Column("entryID") == id).fetchAll(db) {
                    report.versions += 1
                    do {
                        let record = try openVersion(row)
                        if row.version == head.version, keys.lookup(for: record.name) != Array(head.lookup) {
                            report.problems.append("entry #\(id) (\"\(record.name)\") is filed under another name's lookup")
                        }
                    } catch let error as VaultError {
                        report.problems.append(Self.detail(of: error))
                    }
                }
            }
            for (id, versions) in versionsByEntry.sorted(by: { $0.key < $1.key }) {
                report.problems.append("versions \(versions.sorted()) belong to entry #\(id), which does not exist")
            }
            if let state, recomputed.entryCount != state.entryCount || recomputed.headsDigest != state.headsDigest {
                report.problems.append(
                    "the entry table does not match the sealed state: an entry was rolled back, removed or replayed "
                        + "(sealed count \(state.entryCount), found \(recomputed.entryCount))")
            }
            return report
        }
    }

    private static func detail(of error: VaultError) -> String {
        if case let .tampered(_, detail) = error { return detail }
        return error.localizedDescription
    }
}
