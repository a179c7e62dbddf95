import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// Inputs a review found that broke the structured readers: each is now a test.
@Suite struct StructuredHostileInputTests {
    @Test func aNegativeStageNumberIsNoStage() {
        for text in ["FROM alpine AS a\nFROM -1\nRUN true\n", "FROM alpine\nCOPY --from=-3 /a /b\n"] {
            let file = Array(text.utf8).withUnsafeBytes { DockerfileInstructions($0) }
            #expect(!file.stagesInImage.isEmpty)
        }
    }

    @Test func heredocsAreOnlyRunCopyAndAddWordsStartingWithTwoAngles() {
        for opener in ["RUN echo $((1<<SHIFT))", "LABEL note=\"see a<<b\"", "ENV B=<<C", "RUN echo 'a <<EOF b'"] {
            let file = Array("FROM alpine\n\(opener)\nARG API_TOKEN\nRUN true\n".utf8).withUnsafeBytes { DockerfileInstructions($0) }
            #expect(file.instructions.map(\.keyword) == ["FROM", opener.split(separator: " ")[0].uppercased(), "ARG", "RUN"], "\(opener)")
        }
        let heredoc = Array("FROM alpine\nRUN <<EOF\nARG X\nEOF\n".utf8).withUnsafeBytes { DockerfileInstructions($0) }
        #expect(heredoc.instructions.map(\.keyword) == ["FROM", "RUN"])
    }

    @Test func plaintextValuesOfASOPSFileAreStillRead() throws {
        let dir = try ScratchFolder()
        try dir.write("secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: app
            stringData:
              api_token: ENC[AES256_GCM,data:Tr3mJ1cQx9z0aPw8Lk2=,iv:2XqL0pHk7c3mZ8r4vN1bT6yW9eA5sD2fG=,type:str]
              db_password: Kv9mWq2xLp7RtZ4nB8cYq3
            sops:
              encrypted_regex: ^api_token$
              version: 3.9.1
            """)
        let findings = try scanBuiltin(dir.path).findings.filter { $0.kind == .secret }
        #expect(findings.map(\.origin.documentPath) == ["stringData.db_password"])
    }

    @Test func lineBreaksCountAsLibyamlCountsThem() {
        // NEL, U+2028 and a lone CR each end a line for libyaml's marks.
        let text = Array("a: \"x\u{2028}y\"\rb: 1\nc: \u{85}\n".utf8)
        #expect(YAMLDocuments.lineStarts(of: text).count == 6)  // five breaks, six lines
    }

    @Test func anAnchoredValueIsPlacedAtTheValue() throws {
        let dir = try ScratchFolder()
        try dir.write("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData:\n  password: &p \"Kv9mWq2xLp7RtZ4nB8cYq3\"  # note\n")
        let finding = try #require(try scanBuiltin(dir.path).findings.first { $0.ruleID == "generic-password" })
        #expect((finding.start.column, finding.end.column) == (17, 39))
    }

    @Test func aliasedEnvListsStopTheWalkAndSaySo() throws {
        var text = "apiVersion: v1\nkind: Pod\nx-env: &e\n"
        for i in 0..<1000 { text += "  - {name: V\(i), value: v}\n" }
        text += "spec:\n  containers:\n"
        for _ in 0..<300 { text += "    - {env: *e}\n" }
        let dir = try ScratchFolder()
        try dir.write("pod.yaml", text)
        var compose = "x-env: &e\n"
        for i in 0..<1000 { compose += "  V\(i): v\n" }
        compose += "services:\n"
        for i in 0..<300 { compose += "  s\(i): {environment: *e}\n" }
        try dir.write("docker-compose.yml", compose)
        let result = try scanBuiltin(dir.path)
        #expect(result.readAsText.count == 2 && result.readAsText.allSatisfy { $0.reason.contains("read in part") }, "\(result.readAsText)")
    }

    @Test func bomLessUTF16WithCJKIsText() throws {
        let dir = try ScratchFolder()
        var bytes: [UInt8] = []
        for unit in "一 設定\ntoken = \(TestSecret.token("K").text)\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try dir.write("notes.txt", bytes: bytes)
        #expect(try scan([dir.path]).findings.map(\.secret) == [TestSecret.token("K").secret])
    }

    @Test func reportCellsCannotBreakTheirFormat() {
        #expect(CSVReport.cell("k\r\n::warning::x") == "\"k\r\n::warning::x\"")
        #expect(CSVReport.cell("\r\n=1").hasPrefix("\"'"))
        #expect(MarkdownReport.code("a``b") == "``` a``b ```")
    }

    @Test func anExtendedModeRegexDoesNotDisableTheOthers() throws {
        let entries = [
            HushConfiguration.AllowEntry(value: nil, regex: "(?x) foo  # a comment", rules: [], reason: nil),
            HushConfiguration.AllowEntry(value: nil, regex: "Zq8v.*", rules: [], reason: nil),
        ]
        let allowlist = Allowlist(entries)
        let finding = Finding(
            ruleID: "generic-token", ruleName: "t", origin: Origin(path: "a"), start: TextPosition(line: 1, column: 1),
            end: TextPosition(line: 1, column: 2), secret: "Zq8vAbc", confidence: .high, entropy: 3, validation: .none,
            fingerprint: "f", snippet: Snippet(parts: [], clippedStart: false, clippedEnd: false))
        #expect(allowlist.allows(finding))
        var foo = finding
        foo.secret = "foo"
        #expect(allowlist.allows(foo))
    }

    /// A whole scan with the built-in rules.
    func scanBuiltin(_ path: String) throws -> ScanResult {
        let engine = try ScanEngine(ruleSet: try RuleSet.builtin(), options: .init(cacheDirectory: nil))
        return try Scan(engine: engine, options: ScanOptions(paths: [path], threads: 2)).run()
    }
}
