import Foundation
import HushTestSupport
import Testing
@testable import HushVault

@Suite("Vault operations")
struct VaultTests {
    @Test("set, get, history, versions, list, mv, rm")
    func lifecycle() throws {
        let scratch = try ScratchFolder()
        let vault = try TestVault.create(in: scratch)
        #expect(try vault.set("prod/db/password", value: SecretBytes(utf8: "first"), changes: FieldChanges(username: "app", tags: ["db", "prod"])) == 1)
        #expect(try vault.set("prod/db/password", value: SecretBytes(utf8: "second")) == 2)
        try vault.set("prod/api/token", value: SecretBytes(utf8: "tok"), changes: FieldChanges(tags: ["api"]))
        try vault.set("staging/db/password", value: SecretBytes(utf8: "stg"))

        let current = try vault.get("prod/db/password")
        #expect(current.value.utf8String() == "second")
        #expect(current.version == 2)
        #expect(current.fields.username == "app", "fields carry over to the new version")
        #expect(try vault.get("prod/db/password", version: 1).value.utf8String() == "first")
        #expect(throws: VaultError.versionNotFound(name: "prod/db/password", version: 3)) { try vault.get("prod/db/password", version: 3) }
        let history = try vault.history("prod/db/password")
        #expect(history.map(\.version) == [1, 2])
        #expect(history.map(\.isCurrent) == [false, true])
        #expect(history[0].stored <= history[1].stored)

        #expect(try vault.list().map(\.name) == ["prod/api/token", "prod/db/password", "staging/db/password"])
        #expect(try vault.list(prefix: "prod").map(\.name) == ["prod/api/token", "prod/db/password"])
        #expect(try vault.list(prefix: "pro").isEmpty, "prefixes match whole path components")
        #expect(try vault.list(tag: "db").map(\.name) == ["prod/db/password"])

        try vault.move("prod/db/password", to: "prod/db/main")
        #expect(throws: VaultError.entryNotFound("prod/db/password")) { try vault.get("prod/db/password") }
        #expect(try vault.get("prod/db/main", version: 1).value.utf8String() == "first")
        #expect(try vault.get("prod/db/main").name == "prod/db/main")
        #expect(throws: VaultError.entryExists("prod/api/token")) { try vault.move("prod/db/main", to: "prod/api/token") }

        try vault.remove("prod/api/token")
        #expect(try vault.list().map(\.name) == ["prod/db/main", "staging/db/password"])
        #expect(throws: VaultError.entryNotFound("nope")) { try vault.remove("nope") }
        #expect(try vault.check().isClean)
    }

    @Test("Names must be clean paths", arguments: ["", "/a", "a/", "a//b", "a/../b", "a/./b", "tab\there"])
    func invalidNames(name: String) throws {
        let scratch = try ScratchFolder()
        let vault = try TestVault.create(in: scratch)
        #expect(throws: VaultError.self) { try vault.set(name, value: SecretBytes(utf8: "x")) }
    }

    @Test("A reopened vault holds the same entries; a wrong password is refused and changes nothing")
    func reopenAndWrongPassword() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("vault.db")
        do {
            let vault = try TestVault.create(in: scratch)
            try vault.set("a", value: SecretBytes(utf8: "value-a"))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: VaultError.wrongPassword(path: path)) { try Vault.open(at: path, password: SecretBytes(utf8: "wrong")) }
        #expect(VaultError.wrongPassword(path: path).exitCode == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try TestVault.open(path).get("a").value.utf8String() == "value-a")
    }

    @Test("Files are private: 0600 vault in a 0700 directory it created")
    func permissions() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("nested/deeper/vault.db")
        let vault = try Vault.create(at: path, password: SecretBytes(utf8: "pw"), kdf: KDFLevel.minimum.parameters)
        try vault.set("x", value: SecretBytes(utf8: "y"))
        #expect(VaultFiles.mode(of: path) == 0o600)
        #expect(VaultFiles.mode(of: scratch.file("nested")) == 0o700)
        #expect(VaultFiles.mode(of: scratch.file("nested/deeper")) == 0o700)
        if let walMode = VaultFiles.mode(of: path + "-wal") { #expect(walMode == 0o600) }
        #expect(throws: VaultError.alreadyExists(path: path)) {
            try Vault.create(at: path, password: SecretBytes(utf8: "pw"), kdf: KDFLevel.minimum.parameters)
        }
    }

    @Test("No name, value or field is on disk in clear (database and WAL)")
    func nothingInClear() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("vault.db")
        let needles = [
            "needle-name/zq81", "needle-value-Qx7vP", "needle-user-w2", "https://needle-url.example.invalid",
            "needle notes 5521", "needle-tag-k9", "needle-history-old-value",
        ]
        let vault = try TestVault.create(in: scratch)
        try vault.set(needles[0], value: SecretBytes(utf8: needles[6]))
        try vault.set(
            needles[0], value: SecretBytes(utf8: needles[1]),
            changes: FieldChanges(username: needles[2], url: needles[3], notes: needles[4], tags: [needles[5]]))
        try vault.move(needles[0], to: "needle-moved/zq82")
        let files = [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
        #expect(files.count == 2, "the WAL must exist while the vault is open")
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for needle in needles + ["needle-moved/zq82"] {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) found in \(file)")
                #expect(bytes.range(of: Data(needle.prefix(8).utf8)) == nil, "a prefix of \(needle) found in \(file)")
            }
        }
    }

    @Test("passwd rewraps the key: old password refused, new accepted, entries and KDF level kept")
    func changePassword() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("vault.db")
        do {
            let vault = try TestVault.create(in: scratch)
            try vault.set("k", value: SecretBytes(utf8: "v"))
            let newLevel = KDFLevel.interactive.parameters
            try vault.changePassword(to: SecretBytes(utf8: "new master"), kdf: newLevel)
            #expect(vault.kdfParameters == newLevel)
        }
        #expect(throws: VaultError.wrongPassword(path: path)) { try TestVault.open(path) }
        let reopened = try Vault.open(at: path, password: SecretBytes(utf8: "new master"))
        #expect(reopened.kdfParameters == KDFLevel.interactive.parameters)
        #expect(try reopened.get("k").value.utf8String() == "v")
        #expect(throws: VaultError.emptyPassword) { try reopened.changePassword(to: SecretBytes(count: 0)) }
    }

    @Test("backup writes a consistent encrypted copy that opens with the same password")
    func backup() throws {
        let scratch = try ScratchFolder()
        let vault = try TestVault.create(in: scratch)
        for index in 0..<20 { try vault.set("e/\(index)", value: SecretBytes(utf8: "value \(index)")) }
        let copy = scratch.file("backup.db")
        try vault.backup(to: copy)
        #expect(VaultFiles.mode(of: copy) == 0o600)
        #expect(throws: VaultError.alreadyExists(path: copy)) { try vault.backup(to: copy) }
        let restored = try TestVault.open(copy)
        #expect(try restored.list().count == 20)
        #expect(try restored.get("e/7").value.utf8String() == "value 7")
        #expect(try restored.check().isClean)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        #expect(bytes.range(of: Data("value 7".utf8)) == nil)
    }

    @Test("Core dumps are off while a vault is open")
    func coreDumps() throws {
        let scratch = try ScratchFolder()
        let vault = try TestVault.create(in: scratch)
        #expect(Vault.coreDumpsDisabled)
        _ = vault
    }

    @Test("Real KDF levels round-trip and are stored in the vault", arguments: [KDFLevel.interactive, .moderate])
    func realLevels(level: KDFLevel) throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("vault.db")
        do {
            let vault = try Vault.create(at: path, password: SecretBytes(utf8: "pw"), kdf: level.parameters)
            try vault.set("k", value: SecretBytes(utf8: "v"))
        }
        let reopened = try Vault.open(at: path, password: SecretBytes(utf8: "pw"))
        #expect(reopened.kdfParameters == level.parameters)
        #expect(try reopened.get("k").value.utf8String() == "v")
    }

    @Test("Batches commit all or nothing")
    func batchAtomicity() throws {
        let scratch = try ScratchFolder()
        let vault = try TestVault.create(in: scratch)
        let writes = [EntryWrite(name: "ok/1", value: SecretBytes(utf8: "1")), EntryWrite(name: "bad//name", value: SecretBytes(utf8: "2"))]
        #expect(throws: VaultError.self) { try vault.setMany(writes) }
        #expect(try vault.list().isEmpty)
    }

    @Test("Records round-trip through the codec, including empty and absent fields")
    func recordCodec() throws {
        let fields = EntryFields(username: "", url: nil, notes: "multi\nline ✓", tags: ["a", "", "c"])
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        let encoded = RecordCodec.encode(name: "n/é", value: SecretBytes(bytes: [0, 1, 255]), fields: fields, created: date, updated: date)
        let record = try #require(RecordCodec.decode(encoded, version: 4))
        #expect(record.name == "n/é")
        #expect(record.value.unprotectedBytes() == [0, 1, 255])
        #expect(record.fields == fields)
        #expect(abs(record.created.timeIntervalSince(date)) < 0.001)
        #expect(record.version == 4)
        #expect(RecordCodec.decode(encoded.slice(0..<(encoded.count - 1)), version: 1) == nil)
    }

    @Test("list renders a tree")
    func tree() {
        #expect(EntryTree.render(["prod/db/password", "prod/api/token", "dev"]) == [
            "├── dev", "└── prod/", "    ├── api/", "    │   └── token", "    └── db/", "        └── password",
        ])
    }

    @Test("Default location follows HUSH_VAULT, XDG_DATA_HOME, then HOME")
    func location() {
        #expect(VaultFiles.resolvePath(explicit: "/x/v.db", environment: ["HUSH_VAULT": "/y"]) == "/x/v.db")
        #expect(VaultFiles.resolvePath(explicit: nil, environment: ["HUSH_VAULT": "/y/v.db"]) == "/y/v.db")
        #expect(VaultFiles.resolvePath(explicit: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/hush/vault.db")
        #expect(VaultFiles.resolvePath(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/hush/vault.db")
    }
}
