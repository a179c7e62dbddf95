/// A detection rule, as written in a `patterns/*.yaml` file.
public struct Rule: Sendable, Hashable, Codable {
    /// How much a match of this rule is worth believing before validation.
    public enum Confidence: String, Sendable, Hashable, Codable, Comparable {
        case low, medium, high

        public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
            let order: [Confidence] = [.low, .medium, .high]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!  // all cases are in `order`
        }
    }

    /// A matcher written in Swift rather than as a pattern, for detection a regex does badly.
    package enum Detector: String, Sendable, Hashable, Codable, CaseIterable {
        /// `GenericAssignmentDetector`: secret-named keys (`DB_PASSWORD=`, `"apiKey":`, `--token`)
        /// and values judged by `SecretValueJudgement`. Its rules' ids are the ones it emits
        /// (`GenericFinding.ruleIDs`); the confidence it judges is capped at the rule's.
        case genericAssignment = "generic-assignment"
        /// A structure-aware analyzer (Dockerfile, Kubernetes): its matches come from reading the
        /// blob as what it is, not from the engine's pass. Its rules' ids are the ones analyzers emit
        /// (`AnalyzerRules.ruleIDs`).
        case analyzer
    }

    /// What a finding of the rule reports.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A credential: the finding's `secret` is the secret, redacted in reports.
        case secret
        /// A practice that leaks or will leak a secret (a secret-named `ARG` baked into image
        /// history, a Secret manifest in git): the finding's `secret` names the subject (the
        /// variable, the file, the Secret) and reports show it as is.
        case hygiene
    }

    /// Text that must match, and the secret the rule must capture from it.
    package struct Example: Sendable, Hashable, Codable {
        package var text: String
        package var secret: String
        /// The file name the text is checked as, for analyzer rules that read files by name
        /// (`Dockerfile`, `values.yaml`); nil for text of no particular file.
        package var path: String?

        package init(text: String, secret: String, path: String? = nil) {
            self.text = text
            self.secret = secret
            self.path = path
        }
    }

    /// Stable kebab-case identifier, used in reports, allow comments and baselines.
    package var id: String
    package var name: String
    package var description: String
    /// PCRE2 syntax, compiled multi-line (`^`/`$` match at line boundaries) on bytes (no UTF mode).
    /// Vectorscan runs it too when it can; look-around and back-references make it slower to find.
    /// A match may span at most `windowLines` lines (default 1) beyond the line it ends on.
    /// Empty for rules whose matches come from a `detector`.
    package var pattern: String
    /// The Swift detector that produces this rule's matches instead of `pattern`.
    package var detector: Detector?
    /// The capture group holding the secret (0 = whole match).
    package var secretGroup: Int
    /// Literals, at least one of which appears in any match (case-insensitive); the prefilter for rules
    /// Vectorscan cannot take.
    package var keywords: [String]
    /// Minimum Shannon entropy (bits per character) of the secret, if the rule is entropy-gated.
    package var minEntropy: Double?
    /// Name of an offline validator (`github-crc32`, `npm-crc32`, `jwt`, `private-key`, ...).
    package var validate: String?
    package var confidence: Confidence
    /// Lines of context on each side of a hit that PCRE2 re-runs on; multi-line rules (PEM keys) need more.
    package var windowLines: Int?
    package var examples: [Example]
    package var counterExamples: [String]
    /// Rules whose matches identify what this rule's secret belongs to (an AWS access key id for a
    /// secret access key): a match of one near a match of this rule makes one finding with both.
    package var pairsWith: [String]
    /// This rule's matches are not secrets on their own (an Azure storage account name): they are
    /// reported only as the identifying half of a pair.
    package var pairOnly: Bool
    /// Secret (the default) or hygiene.
    package var kind: Kind

    package init(
        id: String, name: String, description: String, pattern: String, secretGroup: Int = 0,
        keywords: [String], minEntropy: Double? = nil, validate: String? = nil,
        confidence: Confidence = .medium, windowLines: Int? = nil,
        examples: [Example] = [], counterExamples: [String] = [], detector: Detector? = nil,
        pairsWith: [String] = [], pairOnly: Bool = false, kind: Kind = .secret
    ) {
        self.id = id
        self.kind = kind
        self.pairsWith = pairsWith
        self.pairOnly = pairOnly
        self.detector = detector
        self.name = name
        self.description = description
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.keywords = keywords
        self.minEntropy = minEntropy
        self.validate = validate
        self.confidence = confidence
        self.windowLines = windowLines
        self.examples = examples
        self.counterExamples = counterExamples
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, pattern, detector, keywords, validate, confidence, examples, kind
        case secretGroup = "secret_group"
        case minEntropy = "min_entropy"
        case windowLines = "window_lines"
        case counterExamples = "counter_examples"
        case pairsWith = "pairs_with"
        case pairOnly = "pair_only"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        detector = try c.decodeIfPresent(Detector.self, forKey: .detector)
        // A detector rule has no pattern; any other rule must have one (RuleSet checks it).
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern) ?? ""
        secretGroup = try c.decodeIfPresent(Int.self, forKey: .secretGroup) ?? 0
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        minEntropy = try c.decodeIfPresent(Double.self, forKey: .minEntropy)
        validate = try c.decodeIfPresent(String.self, forKey: .validate)
        confidence = try c.decodeIfPresent(Confidence.self, forKey: .confidence) ?? .medium
        windowLines = try c.decodeIfPresent(Int.self, forKey: .windowLines)
        examples = try c.decodeIfPresent([Example].self, forKey: .examples) ?? []
        counterExamples = try c.decodeIfPresent([String].self, forKey: .counterExamples) ?? []
        pairsWith = try c.decodeIfPresent([String].self, forKey: .pairsWith) ?? []
        pairOnly = try c.decodeIfPresent(Bool.self, forKey: .pairOnly) ?? false
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .secret
    }
}
