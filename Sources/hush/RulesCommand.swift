import ArgumentParser
import Foundation
import HushScan

/// `hush rules`: what the rules are, and whether each one does what its examples say.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the detection rules, or check them against their own examples.",
        subcommands: [RulesListCommand.self, RulesCheckCommand.self])
}

/// The rule files a `hush rules` subcommand reads.
struct RuleSources: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp("Add the rules in a YAML file or folder to the built-in rules (repeatable).", valueName: "path"),
        completion: .file())
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin-rules"), help: "Use only the rules given with --rules.")
    var noBuiltinRules = false

    /// The rule set, and the files added on top of the built-ins.
    func load(adding files: [String] = []) throws(RuleLoadError) -> (RuleSet, Set<String>) {
        var ruleSet = noBuiltinRules ? RuleSet() : try RuleSet.builtin()
        let builtinFiles = Set(ruleSet.sourceFile.values)
        for path in rulePaths + files { try ruleSet.add(path: path) }
        return (ruleSet, Set(ruleSet.sourceFile.values).subtracting(builtinFiles))
    }

    /// The engine the scanner would build, with failed checks kept so `check` can name them.
    static func engine(_ ruleSet: RuleSet) throws -> ScanEngine {
        do { return try ScanEngine(ruleSet: ruleSet, options: .init(keepInvalid: true)) } catch {
            throw error.loadError(in: ruleSet)
        }
    }
}

/// `hush rules list`.
struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every rule: id, name, confidence, keywords, how the engine runs it, and its file.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var sources: RuleSources

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    struct Entry: Encodable {
        var id: String
        var name: String
        var confidence: String
        var keywords: [String]
        var detector: String?
        var validator: String?
        var route: String
        var source: String
    }

    func run() throws {
        let (ruleSet, _) = try sources.load()
        let engine = try RuleSources.engine(ruleSet)
        let entries = zip(ruleSet.rules, engine.routes).map { rule, route in
            Entry(
                id: rule.id, name: rule.name, confidence: rule.confidence.rawValue, keywords: rule.keywords,
                detector: rule.detector?.rawValue, validator: rule.validate, route: route.rawValue,
                source: ruleSet.sourceFile[rule.id] ?? "(rule set)")
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(entries) + Data("\n".utf8))
        case .text:
            let width = entries.map(\.id.count).max() ?? 0
            var out = ""
            for entry in entries {
                let keywords = entry.keywords.isEmpty ? "" : "  keywords: " + entry.keywords.joined(separator: ", ")
                out += entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  \(entry.confidence.padding(toLength: 6, withPad: " ", startingAt: 0))  \(entry.name)"
                    + "  [\(entry.route), \(entry.source)]\(keywords)\n"
            }
            out += "\(entries.count) rules from \(Set(entries.map(\.source)).count) file(s).\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

/// `hush rules check`.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every example and counter-example of the rules through the real engine.",
        discussion: """
            Each example must produce a match of its rule capturing exactly its secret; each \
            counter-example must produce none. A failure says why: no match, another capture, or \
            the gate that dropped the match (entropy, validator, placeholder filter, known shape, \
            detector judgement). With FILE arguments only the rules in those files are checked \
            (built-in rules stay loaded, for pairing); without, every built-in rule.

            Exit status: 0 every rule agrees with its examples, 1 some do not, 2 a rule does not load.
            """)

    @Argument(help: ArgumentHelp("Rule files or folders to check.", valueName: "file"), completion: .file())
    var files: [String] = []

    @OptionGroup var sources: RuleSources

    func run() throws {
        let (ruleSet, added) = try sources.load(adding: files)
        let engine = try RuleSources.engine(ruleSet)
        let checked: Set<String>? = files.isEmpty && sources.rulePaths.isEmpty ? nil : added
        let rules = ruleSet.rules.filter { checked?.contains(ruleSet.sourceFile[$0.id] ?? "") ?? true }
        let failures = RuleExampleCheck.failures(engine: engine, files: checked)
        var out = ""
        for failure in failures { out += (failure.errorDescription ?? "") + "\n" }
        let examples = rules.map(\.examples.count).reduce(0, +)
        let counters = rules.map(\.counterExamples.count).reduce(0, +)
        let failing = Set(failures.map(\.ruleID)).count
        out += "Checked \(rules.count) rules: \(examples) examples, \(counters) counter-examples; "
            + (failures.isEmpty ? "every rule agrees with its examples.\n" : "\(failing) rule(s) disagree (\(failures.count) failure(s)).\n")
        FileHandle.standardOutput.write(Data(out.utf8))
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
