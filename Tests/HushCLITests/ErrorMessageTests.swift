import Foundation
import HushTestSupport
import Testing

/// Errors say which file, which key and what to do, in words: never a Swift type name, a coding
/// key's debug description, or Foundation's "The operation could not be completed".
@Suite struct ErrorMessageTests {
    static let internals = ["DecodingError", "CodingKeys", "could not be completed", "intValue", "Missing value"]

    func expectPlain(_ run: HushRun, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 2, "\(run.transcript)", sourceLocation: sourceLocation)
        for word in Self.internals {
            #expect(!run.stderr.contains(word), "\(run.stderr)", sourceLocation: sourceLocation)
        }
        for text in mentions {
            #expect(run.stderr.contains(text), "\(run.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func aRuleFileMissingAKeyNamesTheKeyAndTheRule() throws {
        let scratch = try ScratchFolder()
        try scratch.write("rules.yaml", "rules:\n  - id: x-rule\n    pattern: abc\n")
        let run = try Hush.run(["scan", "--rules", scratch.file("rules.yaml"), scratch.path])
        expectPlain(run, mentions: [scratch.file("rules.yaml"), "missing the key \"name\" in rules[0]"])
    }

    @Test func aBaselineThatIsNotAReportSaysWhatIsMissing() throws {
        let scratch = try ScratchFolder()
        try scratch.write("b.json", "{}")
        let run = try Hush.run(["scan", "--baseline", scratch.file("b.json"), scratch.path])
        expectPlain(run, mentions: ["missing the key \"version\" at the top level", "--format json"])
        let missing = try Hush.run(["scan", "--baseline", scratch.file("none.json"), scratch.path])
        expectPlain(missing, mentions: [scratch.file("none.json"), "no such file or directory"])
    }

    @Test func aReportIntoAMissingFolderNamesTheFolder() throws {
        let scratch = try ScratchFolder()
        let run = try Hush.run(["scan", "-o", scratch.file("nowhere/r.json"), scratch.path])
        expectPlain(run, mentions: ["the folder \(scratch.file("nowhere")) does not exist"])
    }

    @Test func aNegativeThreadCountIsRefusedAsSuch() throws {
        let run = try Hush.run(["scan", "--threads", "-3", "."])
        expectPlain(run, mentions: ["--threads must be 1 or more"])
    }
}
