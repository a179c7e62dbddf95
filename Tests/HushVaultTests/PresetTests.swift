import Foundation
import HushTestSupport
import Testing
@testable import HushVault

@Suite("Safe-for presets")
struct PresetTests {
    static func samples(_ preset: SafeFor, count: Int = 200) throws -> [String] {
        let generator = try PasswordGenerator(policy: PasswordPolicy(length: 24, safeFor: preset))
        // Every character of the preset appears at least once, plus random passwords.
        var result = [String(decoding: preset.charset.filter(CharacterClass.isLetter).prefix(1) + preset.charset, as: UTF8.self)]
        for _ in 0..<count { result.append(generator.generate().utf8String() ?? "") }
        return result
    }

    @Test("Every preset draws only from its documented charset, with each of its classes", arguments: SafeFor.allCases)
    func charsets(preset: SafeFor) throws {
        let generator = try PasswordGenerator(policy: PasswordPolicy(length: 24, safeFor: preset))
        #expect(Set(generator.alphabet) == Set(preset.charset))
        for _ in 0..<300 {
            let bytes = generator.generate().unprotectedBytes()
            #expect(bytes.allSatisfy(Set(preset.charset).contains))
            #expect(bytes.contains(where: CharacterClass.digits.characters.contains))
            if preset.requiresLeadingLetter { #expect(CharacterClass.isLetter(bytes[0])) }
        }
    }

    @Test("url: unreserved characters only, so URLs keep the password unescaped")
    func urlRoundTrip() throws {
        #expect(Set(SafeFor.url.charset) == Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
        for preset in [SafeFor.url, .mysql, .postgres] {
            for password in try Self.samples(preset) {
                let components = URLComponents(string: "postgres://app:\(password)@db.example.invalid:5432/app")
                #expect(components?.password == password, "\(preset): \(password)")
                #expect(components?.percentEncodedPassword == password)
            }
        }
    }

    @Test("shell and env: sh reads the word back unchanged, unquoted, as an argument and an assignment")
    func shellRoundTrip() throws {
        for preset in [SafeFor.shell, .env, .url, .mysql, .postgres] {
            let passwords = try Self.samples(preset, count: 50)
            let script = passwords.map { "printf '%s\\n' \($0); X=\($0); printf '%s\\n' \"$X\"" }.joined(separator: "\n")
            let run = try ProgramRun.capture("/bin/sh", ["-c", script])
            #expect(run.status == 0)
            #expect(run.out == passwords.flatMap { [$0, $0] }.map { $0 + "\n" }.joined(), "\(preset)")
        }
    }

    @Test("env: a sourced env file gives the value back")
    func envFileRoundTrip() throws {
        let scratch = try ScratchFolder()
        let passwords = try Self.samples(.env, count: 50)
        let file = passwords.enumerated().map { "K\($0.offset)=\($0.element)" }.joined(separator: "\n") + "\n"
        try file.write(toFile: scratch.file("app.env"), atomically: true, encoding: .utf8)
        let echo = passwords.indices.map { "printf '%s\\n' \"$K\($0)\"" }.joined(separator: "; ")
        let run = try ProgramRun.capture("/bin/sh", ["-c", "set -a; . \(scratch.file("app.env")); \(echo)"])
        #expect(run.out == passwords.map { $0 + "\n" }.joined())
    }

    @Test("yaml: PyYAML reads each password as the same plain string, in block and flow context")
    func yamlRoundTrip() throws {
        let passwords = try Self.samples(.yaml)
        let document = passwords.enumerated().map { "k\($0.offset): \($0.element)" }.joined(separator: "\n")
            + "\nflow: [" + passwords.joined(separator: ", ") + "]\n"
        let script = """
            import json, sys, yaml
            data = yaml.safe_load(sys.stdin.read())
            assert all(isinstance(v, str) for k, v in data.items() if k != "flow"), "non-string scalar"
            assert all(isinstance(v, str) for v in data["flow"]), "non-string in flow"
            print(json.dumps([data["k%d" % i] for i in range(len(data) - 1)] + data["flow"]))
            """
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script], stdin: document)
        #expect(run.status == 0, "\(run.stderr)")
        let decoded = try JSONDecoder().decode([String].self, from: Data(run.out.utf8))
        #expect(decoded == passwords + passwords)
    }
}
