import Foundation
@testable import HushScan
import Testing

/// `hush scan` on Fixtures/structured as a user runs it: hygiene findings and document paths in the
/// JSON report, `--kind` to keep one kind, `--text-only` to read no structure, `--verbose` naming
/// the files read as text only.
@Suite struct StructuredScanCLITests {
    static let fixtures = Hush.packageRoot.appendingPathComponent("Fixtures/structured").path

    @Test func jsonCarriesKindAndDocumentPathAndShowsHygieneSubjects() throws {
        let run = try Hush.run(["scan", "--format", "json", "."], in: Self.fixtures)
        #expect(run.status == 1, "\(run.transcript)")
        let findings = try run.jsonReport().findings
        let arg = try #require(findings.first { $0.rule == "dockerfile-secret-build-arg" && $0.path == "docker/Dockerfile" })
        #expect(arg.kind == .hygiene)
        #expect(arg.secret == "GITHUB_TOKEN", "a hygiene subject is not redacted")
        #expect(arg.documentPath == "stage 2 (runtime): ARG GITHUB_TOKEN")
        let password = try #require(findings.first { $0.rule == "generic-password" && $0.path == "k8s/secret.yaml" })
        #expect(password.kind == nil)
        #expect(password.secret.hasSuffix("…"), "secrets stay redacted")
        #expect(password.documentPath == "data.password")
        #expect(password.decodedBy == ["base64"])
    }

    @Test func kindKeepsOneKindAndTextOnlyReadsNoStructure() throws {
        let hygiene = try Hush.run(["scan", "--format", "json", "--kind", "hygiene", "."], in: Self.fixtures).jsonReport()
        #expect(!hygiene.findings.isEmpty && hygiene.findings.allSatisfy { $0.kind == .hygiene })
        let secrets = try Hush.run(["scan", "--format", "json", "--kind", "secret", "."], in: Self.fixtures).jsonReport()
        #expect(!secrets.findings.isEmpty && secrets.findings.allSatisfy { $0.kind == nil })
        let all = try Hush.run(["scan", "--format", "json", "."], in: Self.fixtures).jsonReport()
        #expect(hygiene.findings.count + secrets.findings.count == all.findings.count)
        let textOnly = try Hush.run(["scan", "--format", "json", "--text-only", "."], in: Self.fixtures).jsonReport()
        #expect(textOnly.findings.allSatisfy { $0.kind == nil && $0.documentPath == nil })
        // What only structure finds: a random value in a Secret under a key that names nothing.
        #expect(all.findings.contains { $0.rule == "kubernetes-secret-data" })
        #expect(!textOnly.findings.contains { $0.rule == "kubernetes-secret-data" })
    }

    @Test func verboseNamesTheFilesReadAsTextOnly() throws {
        let run = try Hush.run(["scan", "--verbose", "--no-color", "chart"], in: Self.fixtures)
        #expect(run.stdout.contains("Read as text only:"), "\(run.transcript)")
        #expect(run.stdout.contains("chart/templates/secret.yaml  a template"))
    }
}
