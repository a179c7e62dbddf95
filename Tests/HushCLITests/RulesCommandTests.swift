import Foundation
import HushScan
import HushTestSupport
import Testing

/// `hush rules list` and `hush rules check`, through the built binary.
@Suite struct RulesCommandTests {
    struct Listed: Decodable {
        var id: String
        var name: String
        var confidence: String
        var keywords: [String]
        var route: String
        var source: String
    }

    @Test func listNamesEveryBuiltinRuleWithItsFile() throws {
        let run = try Hush.run(["rules", "list", "--format", "json"])
        #expect(run.status == 0, "\(run.transcript)")
        let listed = try JSONDecoder().decode([Listed].self, from: Data(run.stdout.utf8))
        let builtin = try RuleSet.builtin()
        #expect(listed.map(\.id) == builtin.rules.map(\.id))
        let generic = try #require(listed.first { $0.id == "generic-password" })
        #expect(generic.route == "detector" && generic.source.hasPrefix("patterns/"))
        #expect(listed.allSatisfy { ["low", "medium", "high"].contains($0.confidence) })
        let text = try Hush.run(["rules", "list"])
        #expect(text.stdout.contains("\(builtin.rules.count) rules from"))
    }

    @Test func checkPassesTheBuiltinRules() throws {
        let run = try Hush.run(["rules", "check"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("every rule agrees with its examples"))
    }

    @Test func checkSaysWhyARuleFailsItsOwnExamples() throws {
        let dir = try ScratchFolder()
        let rules = try dir.write("mine.yaml", """
            rules:
              - id: low-entropy-rule
                name: Too strict
                pattern: 'tok_[a-z]{8}'
                keywords: [tok_]
                min_entropy: 3.5
                examples: [{text: 'tok_aaaaaaaa', secret: 'tok_aaaaaaaa'}]
                counter_examples: ['tok_short']
              - id: greedy-rule
                name: Matches its counter-example
                pattern: 'grd_[a-z]+'
                keywords: [grd_]
                examples: [{text: 'grd_abc', secret: 'grd_abc'}]
                counter_examples: ['grd_oops']
            """)
        let run = try Hush.run(["rules", "check", rules])
        #expect(run.status == 1, "\(run.transcript)")
        #expect(run.stdout.contains("low-entropy-rule") && run.stdout.contains("below min_entropy"))
        #expect(run.stdout.contains("greedy-rule") && run.stdout.contains("counter-example matched"))
        #expect(run.stdout.contains("Checked 2 rules") && run.stdout.contains("2 rule(s) disagree"))
    }
}
