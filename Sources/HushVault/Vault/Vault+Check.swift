import Foundation
import GRDB

/// What `check` found.
package struct IntegrityReport: Sendable, Equatable {
    /// Entries examined.
    package var entries: Int = 0
    /// Sealed versions decrypted and authenticated.
    package var versions: Int = 0
    /// Each problem found, in words (never a value).
    package var problems: [String] = []

    /// True when nothing was found wrong.
    package var isClean: Bool { problems.isEmpty }
}

extension Vault {
    /// Decrypts every record, verifies every tag, the name index, the history chain and the sealed state,
    /// and runs SQLite's integrity check. Reports problems instead of stopping at the first one.
    package func check() throws(VaultError) -> IntegrityReport {
        try database.read { db in
            var report = IntegrityReport()
            let sqliteResult = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if sqliteResult != ["ok"] {
                report.problems += sqliteResult.prefix(20).map { "SQLite integrity check: \($0)" }
            }
            var state: VaultState?
            do { state = try loadState(db) } catch let error as VaultError {
                report.problems.append(Self.detail(of: error))
            }
            do { _ = try VaultSchema.verify(db, path: path); try verifyHeader(db) } catch let error as VaultError {
                report.problems.append(Self.detail(of: error))
            }
            var heads: [Int64: EntryHeadRow] = [:]
            for head in try EntryHeadRow.fetchAll(db) { heads[head.id ?? 0] = head }
            report.entries = heads.count

            // One pass over every sealed version, in entry order.
            var scratch = SecretBytes(count: 1024)
            var seenVersions: [Int64: [Int64]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT entryID, version, sealed FROM entryVersion ORDER BY entryID, version")
            var names: [Int64: [Int64: String]] = [:]
            while let row = try rows.next() {
                let entryID: Int64? = row[0], number: Int64? = row[1]
                guard let id = entryID, let version = number else {
                    report.problems.append("a version row holds a NULL entry id or version")
                    continue
                }
                report.versions += 1
                seenVersions[id, default: []].append(version)
                do throws(VaultError) {
                    let sealed: Data = row[2] ?? Data()
                    guard let uid = heads[id]?.uid else { continue }
                    let summary = try openSummary(entryID: id, uid: uid, version: version, sealed: sealed, scratch: &scratch)
                    names[id, default: [:]][version] = summary.name
                    if let head = heads[id], version == head.version, keys.lookup(for: summary.name) != Array(head.lookup) {
                        report.problems.append("entry #\(id) (\"\(summary.name)\") is filed under another name's lookup")
                    }
                } catch {
                    report.problems.append(Self.detail(of: error))
                }
            }
            for (id, head) in heads.sorted(by: { $0.key < $1.key }) {
                let versions = seenVersions.removeValue(forKey: id) ?? []
                if Int64(versions.count) != head.version || !versions.enumerated().allSatisfy({ $0.element == Int64($0.offset) + 1 }) {
                    report.problems.append(
                        "entry #\(id): history holds versions \(versions.map(String.init).joined(separator: ",")), "
                            + "expected 1 through \(head.version)")
                }
            }
            for (id, versions) in seenVersions.sorted(by: { $0.key < $1.key }) {
                report.problems.append("versions \(versions) belong to entry #\(id), which does not exist")
            }
            for (id, head) in heads.sorted(by: { $0.key < $1.key }) {
                guard let byVersion = names[id], let current = byVersion[head.version] else { continue }
                for (version, name) in byVersion.sorted(by: { $0.key < $1.key }) where name != current {
                    report.problems.append("entry #\(id) (\"\(current)\"): version \(version) belongs to another entry (\"\(name)\")")
                }
            }
            do {
                let (digest, count) = try recomputeHeads(db, keys: keys)
                if let state, count != state.entryCount || digest != state.headsDigest {
                    report.problems.append(
                        "the entry table does not match the sealed state: an entry was rolled back, removed or replayed "
                            + "(sealed count \(state.entryCount), found \(count))")
                }
            } catch let error as VaultError {
                report.problems.append(Self.detail(of: error))
            }
            return report
        }
    }

    private static func detail(of error: VaultError) -> String {
        if case let .tampered(_, detail) = error { return detail }
        return error.localizedDescription
    }
}
