import Foundation

/// Why the engine could not be built from a rule set. Always names the rule.
public enum EngineError: Error, LocalizedError, Sendable, Equatable {
    case badPattern(ruleID: String, reason: String)
    case unknownValidator(ruleID: String, name: String)
    case missingSecretGroup(ruleID: String, group: Int, groupCount: Int)
    case noKeywords(ruleID: String)
    case vectorscan(ruleID: String?, reason: String)

    public var errorDescription: String? {
        switch self {
        case .badPattern(let ruleID, let reason): "rule '\(ruleID)': pattern does not compile: \(reason)"
        case .unknownValidator(let ruleID, let name):
            "rule '\(ruleID)': unknown validator '\(name)' (known: \(Validator.registry.keys.sorted().joined(separator: ", ")))"
        case .missingSecretGroup(let ruleID, let group, let groupCount):
            "rule '\(ruleID)': secret_group is \(group) but the pattern has only \(groupCount) capture group(s)"
        case .noKeywords(let ruleID):
            "rule '\(ruleID)': Vectorscan cannot take this pattern and the rule lists no keywords to find it by"
        case .vectorscan(let ruleID?, let reason): "rule '\(ruleID)': Vectorscan cannot compile the rule set: \(reason)"
        case .vectorscan(nil, let reason): "Vectorscan cannot compile the rule set: \(reason)"
        }
    }
}

/// How the engine finds candidate positions for a rule before PCRE2 confirms them.
public enum RuleRoute: String, Sendable, Hashable {
    /// Vectorscan runs the pattern itself; every hit is a real match end.
    case vectorscan
    /// Vectorscan runs its prefiltering approximation of the pattern (look-around, back-references
    /// and the like dropped or widened); PCRE2 decides.
    case vectorscanPrefilter = "vectorscan-prefilter"
    /// Vectorscan cannot take the pattern at all: the rule's keywords locate candidates.
    case keywords
}

/// The compiled rule set, shared read-only by every worker.
///
/// One Vectorscan pass over a buffer finds where each rule may match (end offsets only); PCRE2 then
/// re-runs just that rule on a few lines around each hit to recover the exact span and the secret,
/// which must pass the rule's entropy gate, its offline validator and the placeholder filter.
public final class ScanEngine: Sendable {
    /// Knobs for what the engine reports.
    public struct Options: Sendable, Hashable {
        /// Report matches whose validator says `.invalid` (by default they are dropped).
        public var keepInvalid: Bool
        /// Put rules Vectorscan refuses through its prefiltering mode before falling back to keywords.
        var usePrefilterMode: Bool

        public init(keepInvalid: Bool = false) {
            self.keepInvalid = keepInvalid
            usePrefilterMode = true
        }
    }

    /// One rule, ready to confirm hits.
    struct CompiledRule: Sendable {
        var pattern: PCRE2Pattern
        var secretGroup: Int
        var windowLines: Int
        var minEntropy: Double?
        var validator: Validator?
        var route: RuleRoute
    }

    public let ruleSet: RuleSet
    public let options: Options
    /// How each rule's candidates are found, in rule order.
    public let routes: [RuleRoute]
    let rules: [CompiledRule]
    let database: VectorscanDatabase?
    /// For Vectorscan ids from `rules.count` on: the rules that use that keyword.
    let keywordRules: [[Int]]
    let maxCaptureCount: Int

    /// Ids of the rules Vectorscan could not run exactly (look-around, back-references...), which go
    /// through its prefilter mode or their keywords, then PCRE2.
    public var fallbackRuleIDs: [String] {
        zip(ruleSet.rules, routes).filter { $0.1 != .vectorscan }.map(\.0.id)
    }

    public convenience init(ruleSet: RuleSet) throws(EngineError) {
        try self.init(ruleSet: ruleSet, options: Options())
    }

    public init(ruleSet: RuleSet, options: Options) throws(EngineError) {
        self.ruleSet = ruleSet
        self.options = options
        var compiled: [CompiledRule] = []
        var expressions: [VectorscanExpression] = []
        var keywordIndex: [String: Int] = [:]
        var keywordRules: [[Int]] = []
        let ruleCount = ruleSet.rules.count

        for (index, rule) in ruleSet.rules.enumerated() {
            var compiledRule = try Self.compile(rule)
            let exact = VectorscanExpression(pattern: rule.pattern, mode: .exact, id: UInt32(index))
            let approximate = VectorscanExpression(pattern: rule.pattern, mode: .prefilter, id: UInt32(index))
            if VectorscanDatabase.refusal(of: exact) == nil {
                expressions.append(exact)
            } else if options.usePrefilterMode, VectorscanDatabase.refusal(of: approximate) == nil {
                compiledRule.route = .vectorscanPrefilter
                expressions.append(approximate)
            } else {
                compiledRule.route = .keywords
                guard !rule.keywords.isEmpty else { throw .noKeywords(ruleID: rule.id) }
                for keyword in Set(rule.keywords.map { $0.lowercased() }) {
                    let position = keywordIndex[keyword] ?? {
                        keywordRules.append([])
                        keywordIndex[keyword] = keywordRules.count - 1
                        expressions.append(VectorscanExpression(
                            pattern: keyword, mode: .caselessLiteral, id: UInt32(ruleCount + keywordRules.count - 1)))
                        return keywordRules.count - 1
                    }()
                    keywordRules[position].append(index)
                }
            }
            compiled.append(compiledRule)
        }

        if expressions.isEmpty {
            database = nil
        } else {
            do { database = try VectorscanDatabase(expressions: expressions) } catch {
                let id = error.expressionIndex.map { Int(expressions[$0].id) }
                    .flatMap { $0 < ruleCount ? ruleSet.rules[$0].id : nil }
                throw .vectorscan(ruleID: id, reason: error.message)
            }
        }
        rules = compiled
        routes = compiled.map(\.route)
        self.keywordRules = keywordRules
        maxCaptureCount = compiled.map(\.pattern.captureCount).max() ?? 0
    }

    private static func compile(_ rule: Rule) throws(EngineError) -> CompiledRule {
        let pattern: PCRE2Pattern
        do { pattern = try PCRE2Pattern(rule.pattern) } catch {
            throw .badPattern(ruleID: rule.id, reason: "\(error.message) (at byte \(error.offset))")
        }
        guard rule.secretGroup <= pattern.captureCount else {
            throw .missingSecretGroup(ruleID: rule.id, group: rule.secretGroup, groupCount: pattern.captureCount)
        }
        var validator: Validator?
        if let name = rule.validate {
            guard let known = Validator.registry[name] else { throw .unknownValidator(ruleID: rule.id, name: name) }
            validator = known
        }
        return CompiledRule(
            pattern: pattern, secretGroup: rule.secretGroup, windowLines: max(rule.windowLines ?? 1, 0),
            minEntropy: rule.minEntropy, validator: validator, route: .vectorscan)
    }

    /// Per-thread scratch for scanning; make one per worker.
    public func makeWorker() -> EngineWorker {
        EngineWorker(engine: self)
    }
}
