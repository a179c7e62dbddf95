import Foundation
import HushTestSupport
import Testing
@testable import HushScan

/// The structure-aware analyzers over Fixtures/structured (written by Fixtures/make-structured.py):
/// Kubernetes manifests, a kubeconfig, a Helm chart, Dockerfiles and a compose file. Each file marks
/// the findings it must produce (`# expect-next: rule, rule` for the next line that is not a
/// comment, `# expect-line N: rule` where a comment cannot stand); every other line, the look-alikes
/// among them, must stay quiet. Built-in rules, whole scan.
@Suite struct StructuredFixtureTests {
    struct Expected: Hashable, Comparable, CustomStringConvertible {
        var path: String
        var line: Int
        var rule: String
        static func < (a: Expected, b: Expected) -> Bool { (a.path, a.line, a.rule) < (b.path, b.line, b.rule) }
        var description: String { "\(path):\(line) \(rule)" }
    }

    static let root = Fixtures.url("structured").path

    static func scanFixtures() throws -> ScanResult {
        let engine = try ScanEngine(ruleSet: try RuleSet.builtin(), options: .init(cacheDirectory: nil))
        return try Scan(engine: engine, options: ScanOptions(paths: [root], threads: 2)).run()
    }

    /// The markers of every fixture file, as (path relative to the fixture root, line, rule).
    static func expectations() throws -> Set<Expected> {
        var expected: Set<Expected> = []
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        for relative in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let lines = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var pending: [String] = []
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let rules = trimmed.dropPrefix("# expect-next:") {
                    pending = Self.rules(rules)
                } else if let rest = trimmed.dropPrefix("# expect-line "), let colon = rest.firstIndex(of: ":"),
                    let number = Int(rest[..<colon]) {
                    for rule in Self.rules(String(rest[rest.index(after: colon)...])) {
                        expected.insert(Expected(path: relative, line: number, rule: rule))
                    }
                } else if !trimmed.hasPrefix("#"), !pending.isEmpty {
                    for rule in pending { expected.insert(Expected(path: relative, line: index + 1, rule: rule)) }
                    pending = []
                }
            }
        }
        return expected
    }

    private static func rules(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func everyMarkedFindingAndNothingElse() throws {
        let result = try Self.scanFixtures()
        let found = Set(result.findings.map {
            Expected(path: String($0.origin.path.dropFirst(Self.root.count + 1)), line: $0.start.line, rule: $0.ruleID)
        })
        let expected = try Self.expectations()
        #expect(expected.count >= 30)
        let missing = expected.subtracting(found).sorted()
        let unexpected = found.subtracting(expected).sorted()
        #expect(missing.isEmpty, "missing: \(missing)")
        #expect(unexpected.isEmpty, "unexpected: \(unexpected)")
    }

    @Test func structuredFindingsCarryTheirPlaceInTheDocument() throws {
        let findings = try Self.scanFixtures().findings
        func finding(_ file: String, _ rule: String) -> Finding? {
            findings.first { $0.origin.path.hasSuffix(file) && $0.ruleID == rule }
        }
        let password = try #require(finding("k8s/secret.yaml", "generic-password"))
        #expect(password.origin.documentPath == "data.password")
        #expect(password.origin.transforms == [.base64])
        #expect(finding("k8s/secret.yaml", "generic-key")?.origin.documentPath == "data.key")
        #expect(finding("k8s/deployment.yaml", "generic-token")?.origin.documentPath == "spec.template.spec.containers[0].env[1].value")
        #expect(finding("k8s/list.yaml", "generic-password")?.origin.documentPath == "items[1].stringData.admin-password")
        #expect(finding("compose/docker-compose.yml", "generic-token")?.origin.documentPath == "services.api.build.args.NPM_TOKEN")
        let arg = try #require(finding("docker/Dockerfile", "dockerfile-secret-build-arg"))
        #expect(arg.origin.documentPath == "stage 2 (runtime): ARG GITHUB_TOKEN")
        #expect(arg.kind == .hygiene && arg.secret == "GITHUB_TOKEN")
        // The column is the variable's, on the file's own line.
        #expect(arg.start.column == 5)
        // A secret the text rules find in a Dockerfile is told its instruction and stage.
        #expect(finding("docker/Dockerfile", "curl-user-password")?.origin.documentPath == "stage 2 (runtime): RUN")
        #expect(finding("k8s/kustomize/kustomization.yaml", "generic-token")?.origin.documentPath == "secretGenerator[0].literals[1]")
        let manifest = try #require(finding("k8s/secret.yaml", "kubernetes-secret-manifest"))
        #expect(manifest.secret == "Secret billing-credentials: password, key, signing, username, host, apikey, region")
    }

    @Test func annotationJSONFindingsPointIntoTheAnnotation() throws {
        let findings = try Self.scanFixtures().findings.filter { $0.origin.path.hasSuffix("last-applied.yaml") }
        let line = try Fixtures.text("structured/k8s/last-applied.yaml").split(separator: "\n")[9]
        let password = try #require(findings.first { $0.ruleID == "generic-password" })
        // The column is where the base64 value starts inside the JSON on that line.
        let encoded = try #require(line.range(of: "\"password\":\""))
        #expect(password.start.column == line.distance(from: line.startIndex, to: encoded.upperBound) + 1)
        #expect(password.origin.documentPath?.hasSuffix("→ data.password") == true)
    }

    @Test func templatesAndBrokenYAMLAreReadAsTextAndSaySo() throws {
        let scratch = try ScratchFolder()
        _ = try scratch.write("broken.yaml", "apiVersion: v1\nkind: Secret\n\tdata: [\n  password: Zk29dLqP0xVb7MnRw3Yt\n")
        let result = try scan([scratch.path]) { _ in }
        #expect(result.readAsText.map(\.path) == [scratch.file("broken.yaml")])
        #expect(result.readAsText.first?.reason.contains("does not parse") == true)
        let fixtures = try Self.scanFixtures()
        #expect(fixtures.readAsText.contains { $0.path.hasSuffix("chart/templates/secret.yaml") && $0.reason.contains("template") })
    }

    @Test func aliasBombsStopTheWalkAndSaySo() throws {
        // Nine levels of nine aliases of mappings: 387 million nodes if walked naively.
        var text = "apiVersion: v1\nkind: Pod\na0: &a0 {k: v}\n"
        for level in 1...8 {
            text += "a\(level): &a\(level) {" + (0..<9).map { "k\($0): *a\(level - 1)" }.joined(separator: ", ") + "}\n"
        }
        let scratch = try ScratchFolder()
        _ = try scratch.write("bomb.yaml", text)
        let result = try scan([scratch.path])
        #expect(result.readAsText.first?.reason.contains("read in part") == true)
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
