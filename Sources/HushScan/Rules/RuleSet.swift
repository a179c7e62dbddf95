import Foundation
import Yams

/// Why a rule file could not be loaded. Always names the file, and the rule where there is one.
package enum RuleLoadError: Error, LocalizedError, Sendable, Equatable {
    case unreadable(file: String, reason: String)
    case malformed(file: String, reason: String)
    case invalidRule(file: String, ruleID: String, reason: String)
    case duplicateID(file: String, ruleID: String, firstFile: String)

    package var errorDescription: String? {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read rule file: \(reason)"
        case .malformed(let file, let reason): "\(file): not a valid rule file: \(reason)"
        case .invalidRule(let file, let ruleID, let reason): "\(file): rule '\(ruleID)': \(reason)"
        case .duplicateID(let file, let ruleID, let firstFile):
            "\(file): rule '\(ruleID)' is already defined in \(firstFile)"
        }
    }
}

/// An ordered set of rules with unique ids: the built-in rules plus any the user adds.
package struct RuleSet: Sendable {
    package private(set) var rules: [Rule]
    /// The file each rule came from, by id.
    package private(set) var sourceFile: [String: String]

    package init() {
        rules = []
        sourceFile = [:]
    }

    /// The rules compiled into the binary from `patterns/`.
    package static func builtin() throws(RuleLoadError) -> RuleSet {
        var set = RuleSet()
        for file in BuiltinRuleFiles.all {
            try set.add(yaml: file.yaml, file: "patterns/\(file.name)")
        }
        return set
    }

    /// Adds the rules in a YAML file, or in every `.yaml`/`.yml` file of a directory.
    package mutating func add(path: String) throws(RuleLoadError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file or directory")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
        }
        for file in files {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw .unreadable(file: file, reason: error.localizedDescription)
            }
            try add(yaml: text, file: file)
        }
    }

    private struct RuleFile: Decodable {
        var rules: [Rule]
    }

    /// Adds the rules of one YAML document (`rules: [...]`), checking each one's fields.
    package mutating func add(yaml: String, file: String) throws(RuleLoadError) {
        let parsed: RuleFile
        do { parsed = try YAMLDecoder().decode(RuleFile.self, from: yaml) } catch {
            throw .malformed(file: file, reason: ErrorText.decoding(error))
        }
        for rule in parsed.rules {
            try add(rule, file: file)
        }
    }

    /// Adds one rule built in code, checking its fields as if it came from `file`.
    package mutating func add(_ rule: Rule, file: String) throws(RuleLoadError) {
        try Self.checkFields(rule, file: file)
        if let first = sourceFile[rule.id] {
            throw .duplicateID(file: file, ruleID: rule.id, firstFile: first)
        }
        sourceFile[rule.id] = file
        rules.append(rule)
    }

    private static func checkFields(_ rule: Rule, file: String) throws(RuleLoadError) {
        func fail(_ reason: String) -> RuleLoadError { .invalidRule(file: file, ruleID: rule.id, reason: reason) }
        let kebab = rule.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
        guard !rule.id.isEmpty, kebab, rule.id.first != "-", rule.id.last != "-" else {
            throw fail("id must be kebab-case (a-z, 0-9, '-')")
        }
        if let detector = rule.detector {
            try checkDetectorFields(rule, detector: detector, fail: fail)
        } else {
            guard !rule.pattern.isEmpty else { throw fail("pattern is empty") }
            guard rule.secretGroup >= 0 else { throw fail("secret_group must be 0 or more") }
            guard !rule.keywords.isEmpty else { throw fail("keywords must list at least one literal") }
            guard rule.keywords.allSatisfy({ !$0.isEmpty }) else { throw fail("a keyword is empty") }
            if let e = rule.minEntropy, !(0...8).contains(e) { throw fail("min_entropy must be between 0 and 8") }
            if let name = rule.validate, Validator.registry[name] == nil {
                throw fail("unknown validator '\(name)' (known: \(Validator.registry.keys.sorted().joined(separator: ", ")))")
            }
            if let lines = rule.windowLines, lines < 0 { throw fail("window_lines must be 0 or more") }
        }
        if rule.pairsWith.contains(rule.id) { throw fail("pairs_with names the rule itself") }
        if rule.pairOnly, !rule.pairsWith.isEmpty {
            throw fail("a pair_only rule is the identifying half of a pair; pairs_with belongs on the secret's rule")
        }
        guard !rule.examples.isEmpty else { throw fail("needs at least one example") }
        guard !rule.counterExamples.isEmpty else { throw fail("needs at least one counter_example") }
    }

    /// A detector rule takes its matches from Swift: pattern-only fields would be silently ignored,
    /// so they are refused, and its id must be one the detector emits.
    private static func checkDetectorFields(
        _ rule: Rule, detector: Rule.Detector, fail: (String) -> RuleLoadError
    ) throws(RuleLoadError) {
        let ignored = [
            ("pattern", !rule.pattern.isEmpty), ("keywords", !rule.keywords.isEmpty), ("secret_group", rule.secretGroup != 0),
            ("min_entropy", rule.minEntropy != nil), ("validate", rule.validate != nil), ("window_lines", rule.windowLines != nil),
        ].filter(\.1).map(\.0)
        if let field = ignored.first { throw fail("\(field) cannot be used with detector '\(detector.rawValue)'") }
        let emitted = detector.ruleIDs
        guard emitted.contains(rule.id) else {
            throw fail("detector '\(detector.rawValue)' emits only \(emitted.sorted().joined(separator: ", "))")
        }
    }

    /// `pairs_with` entries that name no rule of the set, as (rule id, missing id). Not a load
    /// error: a rule may be disabled, and its partner then simply has no pair.
    package var unknownPairs: [(ruleID: String, missing: String)] {
        let ids = Set(rules.map(\.id))
        return rules.flatMap { rule in rule.pairsWith.filter { !ids.contains($0) }.map { (rule.id, $0) } }
    }

    /// The rule with this id, if any.
    package func rule(id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// Sets the minimum entropy of the pattern rules named (a configuration's `entropy:`); detector
    /// rules judge their own values and are left as they are.
    package mutating func setMinimumEntropy(_ thresholds: [String: Double]) {
        guard !thresholds.isEmpty else { return }
        for index in rules.indices where rules[index].detector == nil {
            if let bits = thresholds[rules[index].id] { rules[index].minEntropy = bits }
        }
    }

    /// Keeps only the rules whose ids are listed (when `only` is non-empty), minus those in `disabled`.
    package mutating func select(only: Set<String>, disabled: Set<String>) {
        rules.removeAll { (!only.isEmpty && !only.contains($0.id)) || disabled.contains($0.id) }
    }
}
