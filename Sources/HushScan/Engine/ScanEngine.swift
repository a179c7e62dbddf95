import Foundation

/// Why the engine could not be built from a rule set. Always names the rule.
package enum EngineError: Error, LocalizedError, Sendable, Equatable {
    /// PCRE2 rejected the pattern; the reason carries its message and the byte offset.
    case badPattern(ruleID: String, reason: String)
    /// The rule names a validator that does not exist.
    case unknownValidator(ruleID: String, name: String)
    /// `secret_group` points past the pattern's capture groups.
    case missingSecretGroup(ruleID: String, group: Int, groupCount: Int)
    /// Vectorscan cannot take the pattern and there are no keywords to fall back on.
    case noKeywords(ruleID: String)
    /// Vectorscan refused the combined database (the rule, when it says which).
    case vectorscan(ruleID: String?, reason: String)

    package var errorDescription: String? {
        ruleID.map { "rule '\($0)': \(reason)" } ?? reason
    }

    /// The rule at fault, when there is one.
    package var ruleID: String? {
        switch self {
        case .badPattern(let ruleID, _), .unknownValidator(let ruleID, _), .missingSecretGroup(let ruleID, _, _),
             .noKeywords(let ruleID):
            ruleID
        case .vectorscan(let ruleID, _): ruleID
        }
    }

    /// The same problem as a load error naming the rule's file (for rules added with `--rules`).
    package func loadError(in ruleSet: RuleSet) -> RuleLoadError {
        guard let ruleID else { return .malformed(file: "(rule set)", reason: reason) }
        return .invalidRule(file: ruleSet.sourceFile[ruleID] ?? "(rule set)", ruleID: ruleID, reason: reason)
    }

    private var reason: String {
        switch self {
        case .badPattern(_, let reason): "pattern does not compile: \(reason)"
        case .unknownValidator(_, let name):
            "unknown validator '\(name)' (known: \(Validator.registry.keys.sorted().joined(separator: ", ")))"
        case .missingSecretGroup(_, let group, let groupCount):
            "secret_group is \(group) but the pattern has only \(groupCount) capture group(s)"
        case .noKeywords:
            "Vectorscan cannot take this pattern and the rule lists no keywords to find it by"
        case .vectorscan(_, let reason): "Vectorscan cannot compile the rule set: \(reason)"
        }
    }
}

/// One detector as the engine runs it: its rules and the Vectorscan ids of its fragments.
struct DetectorSlot: Sendable {
    var detector: any Detector
    var rules: DetectorRules
    var fragmentIDs: Range<Int>
    /// Byte length of each fragment, in `fragmentIDs` order.
    var fragmentLengths: [Int]
}

/// How the engine finds candidate positions for a rule before PCRE2 confirms them.
package enum RuleRoute: String, Sendable, Hashable {
    /// Vectorscan runs the pattern itself; every hit is a real match end.
    case vectorscan
    /// Vectorscan runs its prefiltering approximation of the pattern (look-around, back-references
    /// and the like dropped or widened); PCRE2 decides.
    case vectorscanPrefilter = "vectorscan-prefilter"
    /// Vectorscan cannot take the pattern at all: the rule's keywords locate candidates.
    case keywords
    /// The rule has no pattern: a Swift detector (`Rule.detector`) produces its matches.
    case detector
}

/// The compiled rule set, shared read-only by every worker.
///
/// One Vectorscan pass over a buffer finds where each rule may match (end offsets only); PCRE2 then
/// re-runs just that rule on a few lines around each hit to recover the exact span and the secret,
/// which must pass the rule's entropy gate, its offline validator and the placeholder filter.
package final class ScanEngine: Sendable {
    /// Knobs for what the engine reports.
    package struct Options: Sendable, Hashable {
        /// Report matches whose validator says `.invalid` (by default they are dropped).
        package var keepInvalid: Bool
        /// Where compiled Vectorscan databases are cached (nil: never). Only databases that took a
        /// noticeable time to compile are written, so small ad-hoc rule sets leave nothing behind.
        package var cacheDirectory: URL?
        /// Put rules Vectorscan refuses through its prefiltering mode before falling back to keywords.
        var usePrefilterMode: Bool
        /// Compiles slower than this are worth caching on disk.
        var slowCompile = Duration.milliseconds(50)

        /// By default invalid matches are dropped and the cache is `$XDG_CACHE_HOME/hush` (or `~/.cache/hush`).
        package init(keepInvalid: Bool = false, cacheDirectory: URL? = Options.defaultCacheDirectory) {
            self.keepInvalid = keepInvalid
            self.cacheDirectory = cacheDirectory
            usePrefilterMode = true
        }

        /// `$XDG_CACHE_HOME/hush`, else `~/.cache/hush`.
        package static var defaultCacheDirectory: URL? { VectorscanDatabaseCache.defaultDirectory }
    }

    /// One rule, ready to confirm hits.
    struct CompiledRule: Sendable {
        /// Nil for detector rules.
        var pattern: PCRE2Pattern?
        var secretGroup: Int
        var windowLines: Int
        var minEntropy: Double?
        var validator: Validator?
        var route: RuleRoute
    }

    /// The rules, in the order `RuleMatch.ruleIndex` refers to.
    package let ruleSet: RuleSet
    /// What the engine reports and where it caches compiled databases.
    package let options: Options
    /// How each rule's candidates are found, in rule order.
    package let routes: [RuleRoute]
    let rules: [CompiledRule]
    let database: VectorscanDatabase?
    /// The Vectorscan database came from the on-disk cache rather than the compiler.
    let loadedFromCache: Bool
    /// For Vectorscan ids from `rules.count` on: the rules that use that keyword.
    let keywordRules: [[Int]]
    let maxCaptureCount: Int
    /// The Swift detectors the rule set's `detector:` rules name, each with its Vectorscan fragment
    /// ids: one pass finds where their candidates may start, so they skip the rest of the text.
    let detectors: [DetectorSlot]
    /// Every Vectorscan id: rules, then keywords, then detector fragments.
    let expressionCount: Int

    /// Ids of the rules Vectorscan could not run exactly (look-around, back-references...), which go
    /// through its prefilter mode or their keywords, then PCRE2.
    package var fallbackRuleIDs: [String] {
        zip(ruleSet.rules, routes).filter { $0.1 != .vectorscan && $0.1 != .detector }.map(\.0.id)
    }

    /// Compiles `ruleSet` with the default options.
    package convenience init(ruleSet: RuleSet) throws(EngineError) {
        try self.init(ruleSet: ruleSet, options: Options())
    }

    /// Compiles every rule for PCRE2 and the runnable ones into one Vectorscan database.
    package init(ruleSet: RuleSet, options: Options) throws(EngineError) {
        self.ruleSet = ruleSet
        self.options = options
        var compiled: [CompiledRule] = []
        for rule in ruleSet.rules {
            var compiledRule = try Self.compile(rule)
            compiledRule.route = Self.firstRoute(for: rule, options: options)
            compiled.append(compiledRule)
        }
        // Vectorscan may still refuse an expression it parsed (one that matches the empty string,
        // resource limits): demote the one it names and try again.
        var database: VectorscanDatabase?
        var keywordRules: [[Int]] = []
        let detectorKinds = Rule.Detector.allCases.filter { kind in ruleSet.rules.contains { $0.detector == kind } }
        let detectorImplementations = detectorKinds.compactMap(\.implementation)
        let fragments = detectorImplementations.flatMap(\.fragments)
        let cache = options.cacheDirectory.map(VectorscanDatabaseCache.init(directory:))
        var loadedFromCache = false
        while true {
            let expressions: [VectorscanExpression]
            (expressions, keywordRules) = Self.expressions(ruleSet.rules, routes: compiled.map(\.route), fragments: fragments)
            guard !expressions.isEmpty else { break }
            if let cached = cache?.load(expressions) {
                database = cached
                loadedFromCache = true
                break
            }
            do {
                let clock = ContinuousClock()
                let started = clock.now
                let built = try VectorscanDatabase(expressions: expressions)
                if let cache, clock.now - started >= options.slowCompile { cache.store(built, for: expressions) }
                database = built
                break
            } catch {
                let ruleIndex = error.expressionIndex.map { Int(expressions[$0].id) }
                guard let ruleIndex, ruleIndex < compiled.count,
                      let demoted = Self.demote(compiled[ruleIndex].route, options: options)
                else {
                    let id = ruleIndex.flatMap { $0 < ruleSet.rules.count ? ruleSet.rules[$0].id : nil }
                    throw .vectorscan(ruleID: id, reason: error.message)
                }
                compiled[ruleIndex].route = demoted
            }
        }
        for (rule, compiledRule) in zip(ruleSet.rules, compiled) where compiledRule.route == .keywords {
            guard !rule.keywords.isEmpty else { throw .noKeywords(ruleID: rule.id) }
        }
        self.database = database
        self.loadedFromCache = loadedFromCache
        self.keywordRules = keywordRules
        rules = compiled
        routes = compiled.map(\.route)
        maxCaptureCount = compiled.compactMap(\.pattern?.captureCount).max() ?? 0
        var slots: [DetectorSlot] = []
        var nextFragment = ruleSet.rules.count + keywordRules.count
        for detector in detectorImplementations {
            var rules = DetectorRules(indexByID: [:], ceilingByIndex: [:])
            for (index, rule) in ruleSet.rules.enumerated() where rule.detector == detector.kind {
                rules.indexByID[rule.id] = index
                rules.ceilingByIndex[index] = rule.confidence
            }
            let lengths = detector.fragments.map(\.utf8.count)
            slots.append(DetectorSlot(detector: detector, rules: rules, fragmentIDs: nextFragment..<(nextFragment + lengths.count),
                                      fragmentLengths: lengths))
            nextFragment += lengths.count
        }
        detectors = slots
        expressionCount = nextFragment
    }

    /// Exact when Vectorscan parses the pattern; otherwise its prefilter mode, except for patterns with
    /// back-references, whose approximation is loose enough to cost more than the keyword route
    /// (measured: a PEM rule pairing BEGIN/END labels by back-reference scanned at ~60% the speed).
    private static func firstRoute(for rule: Rule, options: Options) -> RuleRoute {
        if rule.detector != nil { return .detector }
        if VectorscanDatabase.refusal(of: VectorscanExpression(pattern: rule.pattern, mode: .exact, id: 0)) == nil {
            return .vectorscan
        }
        guard options.usePrefilterMode, !hasBackReference(rule.pattern),
              VectorscanDatabase.refusal(of: VectorscanExpression(pattern: rule.pattern, mode: .prefilter, id: 0)) == nil
        else { return .keywords }
        return .vectorscanPrefilter
    }

    private static func demote(_ route: RuleRoute, options: Options) -> RuleRoute? {
        switch route {
        case .vectorscan: options.usePrefilterMode ? .vectorscanPrefilter : .keywords
        case .vectorscanPrefilter: .keywords
        case .keywords, .detector: nil
        }
    }

    /// `\1`-`\9`, `\g`, `\k` or `(?P=`: PCRE2's ways of referring back to a group.
    static func hasBackReference(_ pattern: String) -> Bool {
        var bytes = Array(pattern.utf8)[...]
        if pattern.contains("(?P=") { return true }
        while let slash = bytes.firstIndex(of: UInt8(ascii: "\\")) {
            let next = bytes.index(after: slash)
            guard next < bytes.endIndex else { return false }
            let escaped = bytes[next]
            if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(escaped) || escaped == UInt8(ascii: "g")
                || escaped == UInt8(ascii: "k") {
                return true
            }
            bytes = bytes[bytes.index(after: next)...]
        }
        return false
    }

    /// The Vectorscan expressions for these routes: one per rule run by Vectorscan (id = rule index),
    /// one per distinct keyword of keyword-routed rules (ids from the rule count on), with the
    /// rules each keyword serves, and one per detector fragment after those.
    private static func expressions(
        _ rules: [Rule], routes: [RuleRoute], fragments: [String]
    ) -> (expressions: [VectorscanExpression], keywordRules: [[Int]]) {
        var expressions: [VectorscanExpression] = []
        var keywordIndex: [String: Int] = [:]
        var keywordRules: [[Int]] = []
        for (index, (rule, route)) in zip(rules, routes).enumerated() {
            switch route {
            case .vectorscan:
                expressions.append(VectorscanExpression(pattern: rule.pattern, mode: .exact, id: UInt32(index)))
            case .vectorscanPrefilter:
                expressions.append(VectorscanExpression(pattern: rule.pattern, mode: .prefilter, id: UInt32(index)))
            case .detector:
                continue
            case .keywords:
                for keyword in Set(rule.keywords.map { $0.lowercased() }).sorted() {
                    if let position = keywordIndex[keyword] {
                        keywordRules[position].append(index)
                        continue
                    }
                    keywordIndex[keyword] = keywordRules.count
                    keywordRules.append([index])
                    expressions.append(VectorscanExpression(
                        pattern: keyword, mode: .caselessLiteral, id: UInt32(rules.count + keywordRules.count - 1)))
                }
            }
        }
        let base = rules.count + keywordRules.count
        for (offset, fragment) in fragments.enumerated() {
            expressions.append(VectorscanExpression(pattern: fragment, mode: .caselessLiteral, id: UInt32(base + offset)))
        }
        return (expressions, keywordRules)
    }

    private static func compile(_ rule: Rule) throws(EngineError) -> CompiledRule {
        if rule.detector != nil {
            return CompiledRule(pattern: nil, secretGroup: 0, windowLines: 0, minEntropy: nil, validator: nil, route: .detector)
        }
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
    package func makeWorker() -> EngineWorker {
        EngineWorker(engine: self)
    }
}
