import Foundation
import HushTestSupport
import Testing
@testable import HushVault

@Suite("Export to Kubernetes Secrets and env files")
struct ExportTests {
    static var entries: [ExportEntry] { [
        ExportEntry(name: "prod/db/password", value: SecretBytes(utf8: "p@ss 'w\"ord' $HOME `x` \\n")),
        ExportEntry(name: "prod/api/token", value: SecretBytes(utf8: "tok_123")),
        ExportEntry(name: "prod/multi", value: SecretBytes(utf8: "line1\nline2 # not a comment")),
        ExportEntry(name: "prod/1st-key", value: SecretBytes(bytes: [0xC3, 0xA9, 0x20, 0x21])),
    ] }

    @Test("Key mapping is documented and collision-checked")
    func keys() throws {
        #expect(ExportKey.relativeName("prod/db/password", prefix: "prod") == "db/password")
        #expect(ExportKey.relativeName("prod/db/password", prefix: "prod/") == "db/password")
        #expect(ExportKey.secretKey("db/password") == "db_password")
        #expect(ExportKey.secretKey("a.b-c_d") == "a.b-c_d")
        #expect(ExportKey.envName("db/password") == "DB_PASSWORD")
        #expect(ExportKey.envName("1st-key") == "_1ST_KEY")
        let colliding = [ExportEntry(name: "a/b", value: SecretBytes(utf8: "1")), ExportEntry(name: "a_b", value: SecretBytes(utf8: "2"))]
        #expect(throws: ExportError.keyCollision(key: "A_B", first: "a/b", second: "a_b")) { try EnvFile.render(colliding, prefix: nil) }
        #expect(throws: ExportError.noEntries) { try EnvFile.render([], prefix: nil) }
    }

    @Test("The manifest is a v1 Secret whose base64 data decodes to the values (PyYAML)")
    func manifestStructure() throws {
        let manifest = try SecretManifest(name: "app-secrets", namespace: "prod").render(Self.entries, prefix: "prod").unprotectedString() ?? ""
        let script = """
            import base64, json, sys, yaml
            doc = yaml.safe_load(sys.stdin.read())
            assert doc["apiVersion"] == "v1" and doc["kind"] == "Secret" and doc["type"] == "Opaque"
            out = {"name": doc["metadata"]["name"], "namespace": doc["metadata"]["namespace"]}
            out["data"] = {k: base64.b64decode(v).hex() for k, v in doc["data"].items()}
            print(json.dumps(out))
            """
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script], stdin: manifest)
        #expect(run.status == 0, "\(run.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        #expect(parsed?["name"] as? String == "app-secrets")
        #expect(parsed?["namespace"] as? String == "prod")
        let data = parsed?["data"] as? [String: String] ?? [:]
        #expect(data == [
            "db_password": Hex.encode(Self.entries[0].value.unprotectedBytes()),
            "api_token": Hex.encode(Self.entries[1].value.unprotectedBytes()),
            "multi": Hex.encode(Self.entries[2].value.unprotectedBytes()),
            "1st-key": Hex.encode(Self.entries[3].value.unprotectedBytes()),
        ])
    }

    @Test("A Secret named like a YAML boolean stays a string; kubernetes-validate --strict accepts it where installed")
    func manifestValidity() throws {
        let scratch = try ScratchFolder()
        let manifest = try SecretManifest(name: "true", namespace: "default").render(Self.entries, prefix: "prod").unprotectedString() ?? ""
        try manifest.write(toFile: scratch.file("secret.yaml"), atomically: true, encoding: .utf8)
        let names = try ProgramRun.capture(
            "/usr/bin/env", ["python3", "-c", "import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(type(d['metadata']['name']).__name__, d['metadata']['name'])", scratch.file("secret.yaml")])
        #expect(names.out == "str true\n", "\(names.stderr)")
        // The peers' kubernetes-validate (../shared/peers/install.sh) checks against the real v1 schema.
        if let validator = KubernetesValidate.path {
            let run = try ProgramRun.capture(validator, ["--strict", scratch.file("secret.yaml")])
            #expect(run.status == 0, "\(run.out)\(run.stderr)")
        }
    }

    @Test("Invalid Secret names and namespaces are refused", arguments: ["Upper", "-lead", "a_b", ""])
    func invalidNames(name: String) {
        #expect(throws: ExportError.self) { try SecretManifest(name: name, namespace: nil) }
        #expect(throws: ExportError.self) { try SecretManifest(name: "ok", namespace: name.isEmpty ? "a.b" : name) }
    }

    /// Values that every reader must get back exactly: quotes, `$`, backslashes, newlines, tabs, `#`,
    /// spaces at either end, unicode and U+2028.
    static let envValues = [
        "tok_123", "p@ss w\"ord $HOME `x`", "it's a \\b \\\\c \"q\"", "line1\nline2 # not a comment", " lead and trail ",
        "tab\there", "\u{1b}[31mred", "é 😀 \u{2028} end", "$HOME and $(touch /tmp/pwned)", "", "a#b", "x=y", "\\n literally",
    ]

    @Test("The env file gives back every value exactly in dash, bash and python-dotenv (with and without interpolation)")
    func envFileRoundTrip() throws {
        let scratch = try ScratchFolder()
        let entries = Self.envValues.enumerated().map { ExportEntry(name: "v\($0.offset)", value: SecretBytes(utf8: $0.element)) }
        let file = try EnvFile.render(entries, prefix: nil).unprotectedString() ?? ""
        #expect(file.contains("V0=tok_123\n"), "safe values stay bare")
        try file.write(toFile: scratch.file("x.env"), atomically: true, encoding: .utf8)
        let names = entries.indices.map { "V\($0)" }
        let expected = Self.envValues
        for shell in ["/bin/sh", "/bin/bash"] {
            let printf = names.map { "\"$\($0)\"" }.joined(separator: " ")
            let run = try ProgramRun.capture(shell, ["-c", "set -a; . \(scratch.file("x.env")); printf '%s\\0' \(printf)"])
            #expect(run.status == 0, "\(shell): \(run.stderr)")
            #expect(run.out.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init) == expected, "\(shell)")
        }
        for interpolate in ["True", "False"] {
            let script = """
                import json, sys
                from dotenv import dotenv_values
                values = dotenv_values(sys.argv[1], interpolate=\(interpolate))
                print(json.dumps([values.get(f"V{i}") for i in range(int(sys.argv[2]))]))
                """
            let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script, scratch.file("x.env"), String(names.count)])
            #expect(run.status == 0 && run.stderr.isEmpty, "python-dotenv: \(run.stderr)")
            let read = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String?]
            #expect(read == expected, "python-dotenv interpolate=\(interpolate)")
        }
    }

    @Test("Values no env line can carry for both sh and python-dotenv are refused, naming the entry",
          arguments: ["cr\rhere", "ends with \\", "it's $HOME", "a\\\\b `x`"])
    func envFileRefusals(value: String) throws {
        let error = #expect(throws: ExportError.self) {
            try EnvFile.render([ExportEntry(name: "app/odd", value: SecretBytes(utf8: value))], prefix: nil)
        }
        if case let .unrepresentableValue(entry, _)? = error { #expect(entry == "app/odd") } else { Issue.record("\(String(describing: error))") }
        #expect(throws: ExportError.self) { try EnvFile.render([ExportEntry(name: "n", value: SecretBytes(bytes: [0x61, 0]))], prefix: nil) }
        #expect(EnvFile.dotenvExpands(SecretBytes(utf8: "a${PATH}b")))
        #expect(!EnvFile.dotenvExpands(SecretBytes(utf8: "a$PATH {b}")))
    }

    @Test("Env names that change how shells and loaders behave are refused unless allowed",
          arguments: ["path", "ld/preload", "bash_env", "ifs"])
    func dangerousEnvNames(name: String) throws {
        let entries = [ExportEntry(name: name, value: SecretBytes(utf8: "x"))]
        #expect(throws: ExportError.self) { try EnvFile.render(entries, prefix: nil) }
        #expect(try EnvFile.render(entries, prefix: nil, allowDangerousNames: true).count > 0)
    }

    @Test("Secret data keys the API server rejects are refused, naming the entry", arguments: ["..cfg", "...", String(repeating: "k", count: 254)])
    func invalidSecretKeys(name: String) throws {
        let error = #expect(throws: ExportError.self) {
            try SecretManifest(name: "s", namespace: nil).render([ExportEntry(name: name, value: SecretBytes(utf8: "v"))], prefix: nil)
        }
        if case let .invalidKey(entry, _, _)? = error { #expect(entry == name) } else { Issue.record("\(String(describing: error))") }
    }

    @Test("Default Secret names come from the prefix")
    func defaultNames() {
        #expect(SecretManifest.defaultName(prefix: "prod/DB/") == "prod-db")
        #expect(SecretManifest.defaultName(prefix: nil) == "hush")
    }
}

enum KubernetesValidate {
    /// Installed by ../shared/peers/install.sh, when it is.
    static let path: String? = {
        let candidates = [
            ProcessInfo.processInfo.environment["KUBERNETES_VALIDATE"] ?? "",
            "/work/shared/peers/.venv/bin/kubernetes-validate",
            (ProcessInfo.processInfo.environment["HOME"] ?? "") + "/.cache/hush-peers/.venv/bin/kubernetes-validate",
        ]
        return candidates.first { !$0.isEmpty && FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
