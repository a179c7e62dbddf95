import Testing

/// The help a person at the terminal reads, and the shell completions.
@Suite struct HelpTests {
    @Test func scanHelpExplainsFlagsWithExamples() throws {
        let run = try Hush.run(["scan", "--help"])
        #expect(run.status == 0)
        for text in ["--format", "--baseline", "--max-file-size", "--exclude", "--strict", "hush:allow", "Examples:", "Exit status"] {
            #expect(run.stdout.contains(text), "scan --help lacks \(text)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsGenerate(shell: String) throws {
        let run = try Hush.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("min-confidence") && run.stdout.contains("max-file-size"))
    }

    @Test func versionPrints() throws {
        let run = try Hush.run(["--version"])
        #expect(run.status == 0 && !run.stdout.isEmpty)
    }
}
