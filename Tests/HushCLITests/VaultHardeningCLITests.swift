import Foundation
import HushTestSupport
import HushVault
import Testing

/// The bugs and careless-user hazards of issue 12, each tried through the built binary.
@Suite("hush vault refuses what would lose, weaken or leak a secret")
struct VaultHardeningCLITests {
    @Test("import of 17,000 entries in one batch and all at once: no crash, every entry stored")
    func largeImport() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        let lines = Data(VaultCLISandbox.importLines(prefix: "big", count: 17_000).utf8)
        let batched = try sandbox.vaultRun("import", ["--batch", "17000"], input: lines)
        #expect(batched.status == 0, "\(batched.stderr)")
        #expect(batched.stderr.contains("17000 added"))
        let again = try sandbox.vaultRun("import", [], input: lines)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("0 added, 0 changed, 17000 unchanged"), "a rerun makes no new versions: \(again.stderr)")
        #expect(try sandbox.vaultRun("list").out.split(separator: "\n").count == 17_000)
    }

    @Test("set drops exactly one trailing newline: a value ending in CR LF keeps its CR")
    func oneTrailingNewline() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        let bytes: [UInt8] = [0x00, 0xFF, 0x41, 0x0D, 0x0A]
        #expect(try sandbox.vaultRun("set", ["bin"], input: Data(bytes)).status == 0)
        #expect(try sandbox.vaultRun("get", ["bin"]).stdout == Data(bytes.dropLast()))
        #expect(try sandbox.vaultRun("set", ["two"], input: Data("v\n\n".utf8)).status == 0)
        #expect(try sandbox.vaultRun("get", ["two"]).stdout == Data("v\n".utf8))
    }

    @Test("import refuses invalid UTF-8, duplicate and unknown keys, naming the line; nothing is stored",
          arguments: [
            (#"{"name":"a","value":"b"}"# + "\n" + "{\"name\":\"c\",\"value\":\"\u{FF}\"}", "line 2"),
            (#"{"name":"a","value":"b"}"# + "\n\n" + #"{"name":"c","value":"1","value":"2"}"#, "line 3"),
            (#"{"name":"a","value":"b","pasword":"x"}"#, "unknown key"),
            (#"{"name":"a","value":"\ud800"}"#, "surrogate"),
          ])
    func strictImport(input: String, expected: String) throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        var bytes = Array(input.utf8)
        // Swift strings cannot hold invalid UTF-8: put the raw 0xFF byte where U+00FF's encoding is.
        if let index = bytes.indices.first(where: { bytes[$0] == 0xC3 && bytes[$0 + 1] == 0xBF }) {
            bytes.replaceSubrange(index...(index + 1), with: [0xFF])
        }
        let run = try sandbox.vaultRun("import", [], input: Data(bytes))
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(try sandbox.vaultRun("list").out.isEmpty, "all or nothing: the good line before it is not stored either")
    }

    @Test("export --format k8s-secret refuses data keys the API server rejects, naming the entry")
    func invalidSecretKey() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        _ = try sandbox.vaultRun("set", ["..cfg"], input: Data("v".utf8))
        let run = try sandbox.vaultRun("export", ["..cfg", "--format", "k8s-secret"])
        #expect(run.status == 1 && run.out.isEmpty)
        #expect(run.stderr.contains("\"..cfg\""), "\(run.stderr)")
        let namespace = try sandbox.vaultRun("export", ["..cfg", "--format", "k8s-secret", "--namespace", "a.b"])
        #expect(namespace.stderr.contains("no dots, at most 63"), "\(namespace.stderr)")
    }

    @Test("init under umask 0277 creates its directories 0700 and works")
    func restrictiveUmask() throws {
        let sandbox = try VaultCLISandbox()
        let path = sandbox.file("deep/er/vault.db")
        let script = "umask 0277; exec \"$0\" vault init --kdf min --vault \"$1\" --password-file \"$2\""
        let run = try sandbox.run(["-c", script, HushBinary.path, path, sandbox.passwordFile], executable: "/bin/sh")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(VaultFiles.mode(of: sandbox.file("deep")) == 0o700)
        #expect(VaultFiles.mode(of: sandbox.file("deep/er")) == 0o700)
        #expect(VaultFiles.mode(of: path) == 0o600)
        #expect(try sandbox.run(["vault", "list", "--vault", path, "--password-file", sandbox.passwordFile]).status == 0)
    }

    @Test("SIGTERM while Argon2id runs ends hush by that signal")
    func sigtermDuringKDF() throws {
        let sandbox = try VaultCLISandbox()
        #expect(try sandbox.vaultRun("init", ["--kdf", "sensitive"]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HushBinary.path)
        process.arguments = ["vault", "list", "--vault", sandbox.vault, "--password-file", sandbox.passwordFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(300_000)
        // Argon2id at the sensitive level (1 GiB) takes seconds: the signal lands while it runs.
        try #require(process.isRunning, "hush finished before the signal could be sent")
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM,
                "\(status.split(separator: "\n").filter { $0.hasPrefix("Sig") })")
    }

    @Test("SIGTERM at the password prompt restores the terminal's echo and ends hush by that signal")
    func sigtermAtPrompt() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        // A pseudo-terminal as hush's controlling terminal; after the signal, is ECHO back on?
        let script = """
            import os, select, signal, sys, termios, time, fcntl
            master, slave = os.openpty()
            pid = os.fork()
            if pid == 0:
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2): os.dup2(slave, fd)
                os.execv(sys.argv[1], [sys.argv[1], "vault", "list", "--vault", sys.argv[2]])
            buffer = b""
            deadline = time.time() + 20
            while b"Master password" not in buffer and time.time() < deadline:
                if select.select([master], [], [], 0.5)[0]: buffer += os.read(master, 1024)
            time.sleep(0.2)
            echo_off = not (termios.tcgetattr(slave)[3] & termios.ECHO)
            os.kill(pid, signal.SIGTERM)
            status = None
            for _ in range(100):
                done, status = os.waitpid(pid, os.WNOHANG)
                if done: break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0); print("still running 10 s after SIGTERM"); sys.exit(0)
            echo_back = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
            print(echo_off, echo_back, os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM)
            """
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script, HushBinary.path, sandbox.vault])
        #expect(run.out == "True True True\n", "echo off while prompting, echo restored, killed by SIGTERM: \(run.transcript)")
    }

    @Test("A weak new master password is refused unless --allow-weak; an empty one is a usage error")
    func masterPasswordStrength() throws {
        let sandbox = try VaultCLISandbox()
        try "P@ssw0rd123\n".write(toFile: sandbox.file("weak.txt"), atomically: true, encoding: .utf8)
        try "\n".write(toFile: sandbox.file("empty.txt"), atomically: true, encoding: .utf8)
        let weak = try sandbox.run(["vault", "init", "--kdf", "min", "--vault", sandbox.vault, "--password-file", sandbox.file("weak.txt")])
        #expect(weak.status == 1 && weak.stderr.contains("too weak"), "\(weak.stderr)")
        #expect(VaultFiles.mode(of: sandbox.vault) == nil, "nothing created")
        let empty = try sandbox.run(["vault", "init", "--kdf", "min", "--vault", sandbox.vault, "--password-file", sandbox.file("empty.txt")])
        #expect(empty.status == 2 && empty.stderr.contains("empty"), "\(empty.stderr)")
        let allowed = try sandbox.run(
            ["vault", "init", "--kdf", "min", "--allow-weak", "--vault", sandbox.vault, "--password-file", sandbox.file("weak.txt")])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let unlockEmpty = try sandbox.run(["vault", "list", "--vault", sandbox.vault, "--password-file", sandbox.file("empty.txt")])
        #expect(unlockEmpty.status == 2 && !unlockEmpty.stderr.contains("wrong master password"), "\(unlockEmpty.stderr)")
    }

    @Test("--kdf min needs HUSH_ALLOW_INSECURE_KDF=1")
    func insecureKDFGate() throws {
        let sandbox = try VaultCLISandbox()
        let run = try sandbox.run(
            ["vault", "init", "--kdf", "min", "--vault", sandbox.vault, "--password-file", sandbox.passwordFile],
            environment: ["HUSH_ALLOW_INSECURE_KDF": ""])
        #expect(run.status == 2 && run.stderr.contains("HUSH_ALLOW_INSECURE_KDF"), "\(run.stderr)")
        #expect(VaultFiles.mode(of: sandbox.vault) == nil)
    }

    @Test("An empty value is refused unless --allow-empty")
    func emptyValue() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        let refused = try sandbox.vaultRun("set", ["x"], input: Data())
        #expect(refused.status == 1 && refused.stderr.contains("--allow-empty"), "\(refused.stderr)")
        #expect(try sandbox.vaultRun("list").out.isEmpty)
        #expect(try sandbox.vaultRun("set", ["x", "--allow-empty"], input: Data()).status == 0)
        #expect(try sandbox.vaultRun("import", [], input: Data(#"{"name":"y","value":""}"#.utf8)).status == 1)
    }

    @Test("Weak generator requests are refused unless --allow-weak; a control-character separator never")
    func weakGenerator() throws {
        let sandbox = try VaultCLISandbox()
        let weak = try sandbox.run(["gen", "--charset", "a", "--length", "10"])
        #expect(weak.status == 2 && weak.out.isEmpty && weak.stderr.contains("bits"), "\(weak.stderr)")
        #expect(try sandbox.run(["gen", "--charset", "a", "--length", "10", "--allow-weak", "-q"]).out == "aaaaaaaaaa\n")
        #expect(try sandbox.run(["gen", "--words", "4"]).status == 2, "51.7 bits is below the floor: a usage error")
        #expect(try sandbox.run(["gen", "--words", "5", "-q"]).status == 0)
        let separator = try sandbox.run(["gen", "--words", "6", "--separator", "\u{01}"])
        #expect(separator.status == 2 && separator.stderr.contains("printable"), "\(separator.stderr)")
        try sandbox.initVault()
        #expect(try sandbox.vaultRun("generate", ["p", "--charset", "ab", "--length", "8"]).status == 2)
        #expect(try sandbox.vaultRun("list").out.isEmpty, "nothing stored")
        #expect(try sandbox.vaultRun("generate", ["p", "-q"]).status == 0, "-q as README documents")
    }

    @Test("Names are NFC and cannot be spoofed with invisible characters",
          arguments: ["evil\u{202E}gpj.exe", "zero\u{200B}width", "line\u{2028}sep", "   ", "a/ b", "nb\u{00A0}sp"])
    func spoofedNames(name: String) throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        let run = try sandbox.vaultRun("set", [name], input: Data("v".utf8))
        #expect(run.status == 1 && run.stderr.contains("invalid entry name"), "\(run.stderr)")
    }

    @Test("NFC and NFD spellings of a name are one entry")
    func normalisedNames() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        #expect(try sandbox.vaultRun("set", ["caf\u{0065}\u{0301}"], input: Data("one".utf8)).status == 0)
        #expect(try sandbox.vaultRun("set", ["caf\u{00E9}"], input: Data("two".utf8)).status == 0)
        #expect(try sandbox.vaultRun("list").out == "caf\u{00E9}\n")
        #expect(try sandbox.vaultRun("get", ["caf\u{0065}\u{0301}"]).out == "two")
    }

    @Test("env export refuses PATH, LD_PRELOAD and friends unless --allow-dangerous-names")
    func dangerousNames() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        _ = try sandbox.vaultRun("set", ["app/ld/preload"], input: Data("/tmp/x.so".utf8))
        let refused = try sandbox.vaultRun("export", ["--prefix", "app", "--format", "env"])
        #expect(refused.status == 1 && refused.stderr.contains("LD_PRELOAD"), "\(refused.stderr)")
        let allowed = try sandbox.vaultRun("export", ["--prefix", "app", "--format", "env", "--allow-dangerous-names"])
        #expect(allowed.out == "LD_PRELOAD=/tmp/x.so\n")
    }

    @Test("Fields can come from a file instead of argv")
    func fieldsFromFile() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        try #"{"username": "svc-deploy", "notes": "rotated monthly", "tags": ["prod"]}"#
            .write(toFile: sandbox.file("fields.json"), atomically: true, encoding: .utf8)
        #expect(try sandbox.vaultRun("set", ["db", "--fields-from", sandbox.file("fields.json")], input: Data("pw".utf8)).status == 0)
        #expect(try sandbox.vaultRun("get", ["db", "--field", "username"]).out == "svc-deploy")
        #expect(try sandbox.vaultRun("generate", ["tok", "-q", "--fields-from", "-"], input: Data(#"{"url": "https://ci.example.invalid"}"#.utf8)).status == 0)
        #expect(try sandbox.vaultRun("get", ["tok", "--field", "url"]).out == "https://ci.example.invalid")
    }

    @Test("A failed import stores nothing; a rerun of a good one makes no new versions")
    func importAllOrNothing() throws {
        let sandbox = try VaultCLISandbox()
        try sandbox.initVault()
        let good = VaultCLISandbox.importLines(prefix: "g", count: 3)
        let bad = try sandbox.vaultRun("import", [], input: Data((good + "not json\n").utf8))
        #expect(bad.status == 1 && bad.stderr.contains("line 4"), "\(bad.stderr)")
        #expect(try sandbox.vaultRun("list").out.isEmpty)
        #expect(try sandbox.vaultRun("import", [], input: Data(good.utf8)).stderr.contains("3 added"))
        #expect(try sandbox.vaultRun("import", [], input: Data(good.utf8)).stderr.contains("3 unchanged"))
        #expect(try sandbox.vaultRun("history", ["g/entry-0"]).out.split(separator: "\n").count == 1)
    }
}
