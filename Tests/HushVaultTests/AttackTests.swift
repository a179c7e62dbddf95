import Foundation
import HushTestSupport
import Testing
@testable import HushVault

/// The attacks of an adversary who can write the vault file (issue 12), each performed with SQL against
/// a closed vault as the `sqlite3` shell would, and each refused without a change to the data.
@Suite("An attacker with write access to the vault file")
struct AttackTests {
    /// Every row of every vault table, for "nothing changed" checks.
    static func dump(_ path: String) throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.text_factory = bytes
            for table in ("vault", "entry", "entryVersion"):
                for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                    print(table, [x.hex() if isinstance(x, bytes) else x for x in row])
            """
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script, path])
        guard run.status == 0 else { throw VaultError.io(path: path, message: run.stderr) }
        return run.out
    }

    /// A copy of a fixture vault in `scratch`, to tamper with.
    static func fixtureCopy(_ name: String, in scratch: ScratchFolder) throws -> String {
        let path = scratch.file(name)
        try FileManager.default.copyItem(atPath: Fixtures.url("vault/" + name).path, toPath: path)
        return path
    }

    /// The sample vault and a copy of it as it was (what an attacker keeps), both in `scratch`.
    static func sampleWithOldCopy(_ scratch: ScratchFolder) throws -> (path: String, oldCopy: String) {
        let path = try Tamper.sampleVault(scratch)
        let oldCopy = scratch.file("old.db")
        try FileManager.default.copyItem(atPath: path, toPath: oldCopy)
        return (path, oldCopy)
    }

    /// Copies `columns` of the header row from `oldCopy` back into the vault at `path`.
    static func spliceHeader(_ path: String, from oldCopy: String, columns: [String]) throws {
        let assignments = columns.map { "\($0) = (SELECT \($0) FROM old.vault)" }.joined(separator: ", ")
        try Tamper.sql(path, "ATTACH '\(oldCopy)' AS old; UPDATE vault SET \(assignments);")
    }

    /// Records an issue unless `outcome` failed with exit code 4.
    static func expectRefused<T>(_ outcome: Result<T, VaultError>, _ accepted: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .failure(error) = outcome else {
            Issue.record(Comment(rawValue: accepted), sourceLocation: sourceLocation)
            return
        }
        #expect(error.exitCode == 4, "\(error)", sourceLocation: sourceLocation)
    }

    static func tamperedDetail(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let error as VaultError {
            if case let .tampered(_, detail) = error { return detail }
            return "not tampered: \(error)"
        } catch {
            return "not a VaultError: \(error)"
        }
        return nil
    }

    @Test(
        "A planted trigger, view or index is refused on open, naming it, and nothing is written",
        arguments: [
            ("trigger \"drop_new\"", "CREATE TRIGGER drop_new AFTER INSERT ON entryVersion BEGIN DELETE FROM entryVersion WHERE rowid = new.rowid; END;"),
            ("trigger \"keep_version\"", "CREATE TRIGGER keep_version AFTER UPDATE OF version ON entry BEGIN UPDATE entry SET version = old.version WHERE id = new.id; END;"),
            ("trigger \"keep_state\"", "CREATE TRIGGER keep_state AFTER UPDATE OF state, wrappedKey ON vault BEGIN UPDATE vault SET state = old.state, wrappedKey = old.wrappedKey; END;"),
            ("view \"v\"", "CREATE VIEW v AS SELECT * FROM entry;"),
            ("index \"i\"", "CREATE INDEX i ON entryVersion(sealed);"),
            ("table \"extra\"", "CREATE TABLE extra(x);"),
        ])
    func plantedSchemaObjects(name: String, sql: String) throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        try Tamper.sql(path, sql)
        let before = try Self.dump(path)
        let detail = Self.tamperedDetail { _ = try TestVault.open(path) }
        #expect(detail?.contains(name) == true, "\(detail ?? "opened")")
        #expect(try Self.dump(path) == before)
    }

    @Test("A trigger planted while a vault is open makes the next write fail instead of reporting success")
    func triggerAfterOpen() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        let vault = try TestVault.open(path)
        try Tamper.sql(path, "CREATE TRIGGER t AFTER UPDATE OF version ON entry BEGIN UPDATE entry SET version = old.version WHERE id = new.id; END;")
        let before = try Self.dump(path)
        #expect(throws: VaultError.self) { try vault.set("a", value: SecretBytes(utf8: "rotated")) }
        #expect(throws: VaultError.self) { try vault.changePassword(to: SecretBytes(utf8: "another strong passphrase here")) }
        #expect(try Self.dump(path) == before)
    }

    @Test("What a write transaction wrote is read back before it commits: a change behind its back rolls it back")
    func readBackCatchesChanges() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        let before = try Self.dump(path)
        let vault = try TestVault.open(path)
        // What a trigger would do inside the transaction, after hush's own statements.
        for sabotage in ["UPDATE vault SET state = old_state", "UPDATE entry SET version = version"] {
            #expect(throws: VaultError.self) {
                try vault.writeChecked { db in
                    let oldState = try Data.fetchOne(db, sql: "SELECT state FROM vault") ?? Data()
                    let sealed = try vault.saveState(try vault.loadState(db), db: db)
                    var check = WriteCheck(state: sealed)
                    if sabotage.contains("entry") {
                        var head = try #require(try EntryHeadRow.fetchOne(db))
                        head.version += 1
                        check.heads.append(head)  // claims a change the table does not hold
                    } else {
                        try db.execute(sql: "UPDATE vault SET state = ?", arguments: [oldState])
                    }
                    return check
                }
            }
        }
        #expect(try Self.dump(path) == before)
    }

    @Test("The header's KDF limits are bounded before Argon2id runs: exit 4, not a hang or a wrong password",
          arguments: ["kdfOpsLimit = 4294967295", "kdfMemLimit = 2147483648", "kdfOpsLimit = 2", "kdfAlgorithm = 1"])
    func unboundedKDF(assignment: String) throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        try Tamper.sql(path, "UPDATE vault SET \(assignment);")
        let before = try Self.dump(path)
        let error = #expect(throws: VaultError.self) { try TestVault.open(path) }
        if case let .invalidHeader(_, detail)? = error { #expect(detail.contains("KDF")) } else { Issue.record("\(String(describing: error))") }
        #expect(error?.exitCode == 4)
        #expect(try Self.dump(path) == before)
    }

    @Test("An empty master password is a usage error (exit 2), not a wrong password")
    func emptyPassword() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        let error = #expect(throws: VaultError.self) { try Vault.open(at: path, password: SecretBytes(count: 0)) }
        #expect(error == .emptyPassword)
        #expect(error?.exitCode == 2)
    }

    /// What an attacker with an old copy of the file and the old password can decrypt in the current file,
    /// offline, with their own code: the vault key unwrapped from the old header opens which current rows?
    static func rowsOpenedWithOldKey(oldCopy: String, oldPassword: SecretBytes, current: String) throws -> Int {
        let old = try VaultDatabase(path: oldCopy).read { db in try HeaderRow.fetchOne(db, key: 1) }
        let header = try #require(old)
        let kek = try Vault.deriveKEK(password: oldPassword, salt: Array(header.salt), kdf: header.kdfParameters)
        let vaultKey = try AEAD.open(
            Array(header.wrappedKey), key: kek,
            associatedData: VaultKeys.wrappedKeyAssociatedData(vaultID: Array(header.vaultID), parameters: header.kdfParameters))
        let keys = try VaultKeys(vaultKey: vaultKey, vaultID: Array(header.vaultID))
        let (heads, rows) = try VaultDatabase(path: current).read { db in
            (try EntryHeadRow.fetchAll(db), try EntryVersionRow.fetchAll(db))
        }
        let uids = Dictionary(uniqueKeysWithValues: heads.map { ($0.id ?? 0, $0.uid) })
        return rows.filter { row in
            (try? AEAD.open(
                Array(row.sealed), key: keys.entryKey,
                associatedData: keys.entryAssociatedData(entryID: row.entryID, uid: uids[row.entryID] ?? Data(), version: Int(row.version)))) != nil
        }.count
    }

    @Test("passwd rotates the vault key: an old copy and the old password decrypt nothing in the current file")
    func rotationDefeatsOldCopy() throws {
        for rotate in [true, false] {
            let scratch = try ScratchFolder()
            let (path, oldCopy) = try Self.sampleWithOldCopy(scratch)
            do {
                let vault = try TestVault.open(path)
                try vault.changePassword(to: SecretBytes(utf8: "the new master passphrase"), rotateKey: rotate)
                try vault.set("after", value: SecretBytes(utf8: "stored after the change"))
            }
            let opened = try Self.rowsOpenedWithOldKey(
                oldCopy: oldCopy, oldPassword: SecretBytes(utf8: TestVault.password), current: path)
            if rotate {
                #expect(opened == 0, "with rotation the old key must open no current row")
            } else {
                #expect(opened == 6, "without rotation the old key still opens every row (why rotation is the default)")
            }
        }
    }

    @Test("An old header and state spliced back in do not let the old password read what was stored since")
    func splicedOldHeaderAndState() throws {
        let scratch = try ScratchFolder()
        let (path, oldCopy) = try Self.sampleWithOldCopy(scratch)
        do {
            let vault = try TestVault.open(path)
            try vault.changePassword(to: SecretBytes(utf8: "the new master passphrase"))
            try vault.set("after", value: SecretBytes(utf8: "stored after the change"))
        }
        try Self.spliceHeader(
            path, from: oldCopy, columns: ["salt", "wrappedKey", "kdfOpsLimit", "kdfMemLimit", "headerCounter", "state"])
        Self.expectRefused(
            Result { () throws(VaultError) in try TestVault.open(path).get("after") },
            "the old password read a secret stored after the change")
    }

    @Test("passwd --no-rotate-key: an old header spliced back in is caught by the sealed state")
    func splicedHeaderWithoutRotation() throws {
        let scratch = try ScratchFolder()
        let (path, oldCopy) = try Self.sampleWithOldCopy(scratch)
        do {
            let vault = try TestVault.open(path)
            try vault.changePassword(to: SecretBytes(utf8: "the new master passphrase"), kdf: KDFLevel.minimum.parameters, rotateKey: false)
        }
        try Self.spliceHeader(path, from: oldCopy, columns: ["salt", "wrappedKey", "headerCounter"])
        let detail = Self.tamperedDetail { _ = try TestVault.open(path) }
        #expect(detail?.contains("header") == true, "\(detail ?? "opened")")
    }

    @Test("Rotation re-seals every record: all values, fields and history survive, and check passes")
    func rotationKeepsEverything() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        let newPassword = SecretBytes(utf8: "rotation test passphrase")
        do {
            let vault = try TestVault.open(path)
            try vault.set("b", value: SecretBytes(utf8: "b2"), changes: FieldChanges(username: "u", tags: ["x"]))
            try vault.changePassword(to: newPassword)
            #expect(try vault.get("a").value.utf8String() == "a3", "the open vault keeps working with the new key")
        }
        let vault = try Vault.open(at: path, password: newPassword)
        #expect(try vault.check().isClean)
        #expect(try vault.get("a", version: 1).value.utf8String() == "a1")
        #expect(try vault.get("b").fields == EntryFields(username: "u", tags: ["x"]))
        #expect(try vault.history("a").count == 3)
        #expect(try vault.list().map(\.name) == ["a", "b", "c"])
    }

    @Test("Entry-id reuse: an old sealed row replayed under a reused id is refused by get --version, history and check")
    func entryIDReuse() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("vault.db")
        let saved = scratch.file("saved.db")
        do {
            let vault = try TestVault.create(in: scratch)
            try vault.set("keep", value: SecretBytes(utf8: "k"))
            try vault.set("old", value: SecretBytes(utf8: "deleted secret"))
        }
        try Tamper.sql(path, "ATTACH '\(saved)' AS s; CREATE TABLE s.rows AS SELECT * FROM entryVersion WHERE entryID = (SELECT max(id) FROM entry);")
        do {
            let vault = try TestVault.open(path)
            try vault.remove("old")
        }
        // Reset the sequence so the next entry reuses the deleted entry's id.
        try Tamper.sql(path, "UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'entry';")
        do {
            let vault = try TestVault.open(path)
            try vault.set("new", value: SecretBytes(utf8: "n1"))
            try vault.set("new", value: SecretBytes(utf8: "n2"))
        }
        try Tamper.sql(path, """
            ATTACH '\(saved)' AS s;
            UPDATE entryVersion SET sealed = (SELECT sealed FROM s.rows WHERE version = 1)
            WHERE entryID = (SELECT entryID FROM s.rows LIMIT 1) AND version = 1;
            """)
        let vault = try TestVault.open(path)
        #expect(throws: VaultError.self) { try vault.get("new", version: 1) }
        #expect(throws: VaultError.self) { try vault.history("new") }
        #expect(!(try vault.check().isClean))
    }

    @Test("A write refuses to build on a vault that no longer verifies, and changes nothing")
    func verifyBeforeWrite() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        try Tamper.sql(path, "DELETE FROM entryVersion WHERE entryID = (SELECT id FROM entry WHERE version = 1 LIMIT 1); DELETE FROM entry WHERE id NOT IN (SELECT entryID FROM entryVersion);")
        let before = try Self.dump(path)
        let vault = try TestVault.open(path)
        #expect(throws: VaultError.self) { try vault.set("z", value: SecretBytes(utf8: "z")) }
        #expect(throws: VaultError.self) { try vault.remove("a") }
        #expect(try Self.dump(path) == before)
    }

    @Test("A format 1 vault (written by an earlier hush) is upgraded on open: every value, field and version kept")
    func formatOneUpgrade() throws {
        let scratch = try ScratchFolder()
        let path = try Self.fixtureCopy("format1.db", in: scratch)
        let password = SecretBytes(utf8: "format one fixture passphrase")
        do {
            let vault = try Vault.open(at: path, password: password)
            #expect(vault.wasUpgraded)
        }
        let vault = try Vault.open(at: path, password: password)
        #expect(!vault.wasUpgraded)
        let report = try vault.check()
        #expect(report.isClean, "\(report.problems)")
        #expect(try vault.list().map(\.name) == ["app/a", "app/b", "c"])
        #expect(try vault.get("app/a", version: 1).value.utf8String() == "a1")
        #expect(try vault.get("app/a").value.utf8String() == "a3")
        let b = try vault.get("app/b")
        #expect(b.value.utf8String() == "beta")
        #expect(b.fields == EntryFields(username: "bob", url: "https://example.invalid", tags: ["t1"]))
        #expect(try vault.get("c").value.utf8String() == "gamma")
        try vault.set("c", value: SecretBytes(utf8: "gamma2"))
        #expect(try vault.history("c").count == 2)
    }

    @Test("A lookup cast to TEXT (invisible to get, same bytes to the digest) is refused, so a rotation cannot be undone")
    func textLookup() throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        try Tamper.sql(path, "UPDATE entry SET lookup = CAST(lookup AS TEXT) WHERE id = (SELECT min(id) FROM entry);")
        let before = try Self.dump(path)
        let vault = try TestVault.open(path)
        #expect(Self.tamperedDetail { _ = try vault.get("a") }?.contains("head hush never writes") == true)
        #expect(throws: VaultError.self) { try vault.set("a", value: SecretBytes(utf8: "rotated")) }
        #expect(!(try vault.check().isClean))
        #expect(try Self.dump(path) == before)
    }

    @Test("Hostile numbers and NULLs give exit 4, never a crash", arguments: [
        "INSERT INTO entryVersion VALUES ((SELECT min(id) FROM entry), -1, x'00');",
        "UPDATE entry SET version = -5 WHERE id = (SELECT min(id) FROM entry);",
        "UPDATE entry SET version = 9223372036854775807 WHERE id = (SELECT min(id) FROM entry);",
        "PRAGMA writable_schema = ON; UPDATE sqlite_master SET tbl_name = NULL WHERE name = 'vault';",
    ])
    func hostileValues(sql: String) throws {
        let scratch = try ScratchFolder()
        let path = try Tamper.sampleVault(scratch)
        try Tamper.sql(path, sql)
        let outcome = Result { () throws(VaultError) in
            let vault = try TestVault.open(path)
            let report = try vault.check()
            if report.isClean { _ = try vault.get("a"); _ = try vault.history("a") }
            try vault.changePassword(to: SecretBytes(utf8: "another strong passphrase here"))
        }
        Self.expectRefused(outcome, "the hostile row was accepted")
    }

    @Test("A format 1 vault with a gap in a history is refused, not upgraded (nothing laundered into format 2)")
    func formatOneGapRefused() throws {
        let scratch = try ScratchFolder()
        let path = try Self.fixtureCopy("format1.db", in: scratch)
        try Tamper.sql(path, "DELETE FROM entryVersion WHERE version = 2;")
        let before = try Self.dump(path)
        let error = #expect(throws: VaultError.self) { try Vault.open(at: path, password: SecretBytes(utf8: "format one fixture passphrase")) }
        #expect(error?.exitCode == 4, "\(String(describing: error))")
        #expect(try Self.dump(path) == before)
    }

    @Test("A format 1 name stored in NFD is re-sealed in NFC by the upgrade, so get finds it however it is typed")
    func formatOneNFDName() throws {
        let scratch = try ScratchFolder()
        let path = try Self.fixtureCopy("format1-nfd.db", in: scratch)
        let vault = try Vault.open(at: path, password: SecretBytes(utf8: "format one fixture passphrase"))
        #expect(try vault.list().map { Array($0.name.unicodeScalars) } == [Array("caf\u{00E9}".unicodeScalars)])
        #expect(try vault.get("caf\u{00E9}").value.utf8String() == "espresso")
        #expect(try vault.get("cafe\u{0301}").value.utf8String() == "espresso")
        #expect(try vault.check().isClean)
    }

    @Test("A format 1 vault opened with a wrong password is left exactly as it was")
    func formatOneWrongPassword() throws {
        let scratch = try ScratchFolder()
        let path = try Self.fixtureCopy("format1.db", in: scratch)
        let before = try Self.dump(path)
        #expect(throws: VaultError.wrongPassword(path: path)) { try Vault.open(at: path, password: SecretBytes(utf8: "wrong")) }
        #expect(try Self.dump(path) == before)
    }
}
