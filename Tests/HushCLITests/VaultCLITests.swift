import Foundation
import HushVault
import HushTestSupport
import Testing

@Suite("hush vault and hush gen, end to end")
struct VaultCLITests {
    @Test("gen prints --count passwords, entropy on stderr unless --quiet, preset charset respected")
    func gen() throws {
        let sandbox = try VaultCLISandbox()
        let result = try sandbox.run(["gen", "--for", "url", "--length", "30", "--count", "50"])
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 50)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(lines.allSatisfy { $0.count == 30 && $0.allSatisfy(allowed.contains) })
        #expect(result.stderr.contains("entropy:"))
        let quiet = try sandbox.run(["gen", "--words", "6", "--quiet"])
        #expect(quiet.stderr.isEmpty)
        #expect(quiet.out.split(separator: "-").count >= 6)
        let conflict = try sandbox.run(["gen", "--words", "6", "--length", "10"])
        #expect(conflict.status != 0)
        #expect(conflict.stderr.contains("--words"))
    }

    @Test("init, set from stdin, get without a trailing newline on a pipe, fields, list, history, rm, mv")
    func basicFlow() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        #expect(VaultFiles.mode(of: sandbox.vault) == 0o600)
        #expect(try sandbox.vaultRun("set", ["prod/db/password", "--username", "app", "--tag", "db"], input: Data("first\n".utf8)).status == 0)
        #expect(try sandbox.vaultRun("set", ["prod/db/password"], input: Data("second\n".utf8)).status == 0)
        let get = try sandbox.vaultRun("get", ["prod/db/password"])
        #expect(get.status == 0)
        #expect(get.stdout == Data("second".utf8))
        #expect(try sandbox.vaultRun("get", ["prod/db/password", "--version", "1"]).stdout == Data("first".utf8))
        #expect(try sandbox.vaultRun("get", ["prod/db/password", "--field", "username"]).stdout == Data("app".utf8))
        let history = try sandbox.vaultRun("history", ["prod/db/password"])
        #expect(history.out.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["1", "2"])
        let generated = try sandbox.vaultRun("generate", ["prod/api/token", "--for", "env", "--length", "32"])
        #expect(generated.status == 0)
        #expect(generated.stdout.isEmpty, "generate prints nothing without --show")
        #expect(try sandbox.vaultRun("get", ["prod/api/token"]).stdout.count == 32)
        #expect(try sandbox.vaultRun("list").out == "prod/api/token\nprod/db/password\n")
        #expect(try sandbox.vaultRun("list", ["--tag", "db"]).out == "prod/db/password\n")
        #expect(try sandbox.vaultRun("mv", ["prod/api/token", "prod/api/key"]).status == 0)
        #expect(try sandbox.vaultRun("rm", ["prod/db/password"]).status == 0)
        #expect(try sandbox.vaultRun("list").out == "prod/api/key\n")
        let missing = try sandbox.vaultRun("get", ["prod/db/password"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entry named"))
        #expect(try sandbox.vaultRun("check").status == 0)
    }

    @Test("Wrong master password: exit 3, clear message; password also from HUSH_PASSWORD_FILE and --password-fd")
    func passwordSources() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        _ = try sandbox.vaultRun("set", ["k"], input: Data("v".utf8))
        let wrongFile = sandbox.file("wrong.txt")
        try "nope\n".write(toFile: wrongFile, atomically: true, encoding: .utf8)
        let wrong = try sandbox.run(["vault", "get", "--vault", sandbox.vault, "--password-file", wrongFile, "k"])
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("wrong master password"))
        #expect(wrong.stdout.isEmpty)
        let viaEnvironment = try sandbox.run(
            ["vault", "get", "k"], environment: ["HUSH_VAULT": sandbox.vault, "HUSH_PASSWORD_FILE": sandbox.passwordFile])
        #expect(viaEnvironment.stdout == Data("v".utf8))
        let viaDescriptor = try sandbox.run(
            ["vault", "list", "--vault", sandbox.vault, "--password-fd", "0"], input: Data((VaultCLISandbox.password + "\n").utf8))
        #expect(viaDescriptor.out == "k\n")
        let noTerminal = try sandbox.run(["vault", "list", "--vault", sandbox.vault])
        #expect(noTerminal.status != 0)
        #expect(noTerminal.stderr.contains("--password-file"))
    }

    @Test("Default location is $XDG_DATA_HOME/hush/vault.db in a 0700 directory")
    func defaultLocation() throws {
        let sandbox = try VaultCLISandbox()
        let result = try sandbox.run(["vault", "init", "--kdf", "min", "--password-file", sandbox.passwordFile])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(VaultFiles.mode(of: sandbox.directory + "/data/hush/vault.db") == 0o600)
        #expect(VaultFiles.mode(of: sandbox.directory + "/data/hush") == 0o700)
    }

    @Test("passwd rewraps, backup copies, check reports tampering with exit 4")
    func maintenance() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        _ = try sandbox.vaultRun("set", ["a"], input: Data("alpha".utf8))
        let newPassword = sandbox.file("new.txt")
        try "a new master passphrase: walrus ember cobalt\n".write(toFile: newPassword, atomically: true, encoding: .utf8)
        #expect(try sandbox.vaultRun("passwd", ["--new-password-file", newPassword]).status == 0)
        #expect(try sandbox.vaultRun("get", ["a"]).status == 3)
        let backup = sandbox.file("copy.db")
        let backedUp = try sandbox.run(["vault", "backup", "--vault", sandbox.vault, "--password-file", newPassword, backup])
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        #expect(try sandbox.run(["vault", "get", "--vault", backup, "--password-file", newPassword, "a"]).stdout == Data("alpha".utf8))
        // Tamper with the backup: one byte of the sealed row.
        let script = "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute(\"UPDATE entryVersion SET sealed = zeroblob(length(sealed))\"); d.commit()"
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, backup]
        try python.run()
        python.waitUntilExit()
        let check = try sandbox.run(["vault", "check", "--vault", backup, "--password-file", newPassword])
        #expect(check.status == 4)
        #expect(check.out.contains("TAMPERED"))
        let get = try sandbox.run(["vault", "get", "--vault", backup, "--password-file", newPassword, "a"])
        #expect(get.status == 4)
        #expect(get.stderr.contains("integrity failure"))
        let notVault = try sandbox.run(["vault", "list", "--vault", newPassword, "--password-file", newPassword])
        #expect(notVault.status == 4)
        #expect(notVault.stderr.contains("not a hush vault"))
    }

    @Test("export --format env and k8s-secret")
    func export() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        _ = try sandbox.vaultRun("set", ["prod/db/password"], input: Data("it's secret".utf8))
        _ = try sandbox.vaultRun("set", ["prod/api/token"], input: Data("tok".utf8))
        let env = try sandbox.vaultRun("export", ["--prefix", "prod", "--format", "env"])
        #expect(env.out == "API_TOKEN=tok\nDB_PASSWORD=\"it's secret\"\n")
        // python-dotenv would read `it's $ecret` back as `it's \$ecret` in any quoting: refused, naming the entry.
        _ = try sandbox.vaultRun("set", ["odd/value"], input: Data("it's $ecret".utf8))
        let refused = try sandbox.vaultRun("export", ["--prefix", "odd", "--format", "env"])
        #expect(refused.status == 1 && refused.out.isEmpty && refused.stderr.contains("odd/value"), "\(refused.stderr)")
        let manifest = try sandbox.vaultRun("export", ["prod/api/token", "--format", "k8s-secret", "--secret-name", "api", "--namespace", "prod"])
        #expect(manifest.status == 0)
        #expect(manifest.out.contains("kind: Secret\n"))
        #expect(manifest.out.contains("  \"prod_api_token\": \"dG9r\"\n"))
        #expect(try sandbox.vaultRun("export", ["--format", "env"]).status != 0, "needs names or --prefix")
    }

    @Test("Two processes writing 500 entries each at once lose nothing")
    func concurrentWriters() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        for writer in ["one", "two"] {
            try VaultCLISandbox.importLines(prefix: writer, count: 500).write(toFile: sandbox.file("\(writer).jsonl"), atomically: true, encoding: .utf8)
        }
        let processes = try ["one", "two"].map { writer -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: HushBinary.path)
            process.arguments = ["vault", "import", "--vault", sandbox.vault, "--password-file", sandbox.passwordFile, "--batch", "1"]
            process.standardInput = FileHandle(forReadingAtPath: sandbox.file("\(writer).jsonl"))
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let vault = try Vault.open(at: sandbox.vault, password: SecretBytes(utf8: VaultCLISandbox.password))
        let names = Set(try vault.list().map(\.name))
        #expect(names.count == 1000)
        #expect(names.contains("one/entry-499") && names.contains("two/entry-0"))
        #expect(try vault.check().isClean)
    }

    @Test("A writer killed with SIGKILL mid-transaction never breaks the vault or loses a committed entry")
    func crashSafety() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        var committed = Set<String>()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            try VaultCLISandbox.importLines(prefix: "round\(round)", count: 3000)
                .write(toFile: sandbox.file("in.jsonl"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: HushBinary.path)
            process.arguments = ["vault", "import", "--vault", sandbox.vault, "--password-file", sandbox.passwordFile, "--batch", "1", "--verbose"]
            process.standardInput = FileHandle(forReadingAtPath: sandbox.file("in.jsonl"))
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 60_000...300_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            committed.formUnion(String(decoding: printed, as: UTF8.self).split(separator: "\n").map(String.init))

            let vault = try Vault.open(at: sandbox.vault, password: SecretBytes(utf8: VaultCLISandbox.password))
            let report = try vault.check()
            #expect(report.isClean, "round \(round): \(report.problems)")
            let present = Set(try vault.list().map(\.name))
            #expect(committed.isSubset(of: present), "round \(round): lost \(committed.subtracting(present).count) committed entries")
        }
        #expect(!committed.isEmpty, "the writer must have committed something before being killed")
    }
}
