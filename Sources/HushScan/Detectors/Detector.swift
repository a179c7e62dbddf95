/// The rules of a rule set that one detector serves: rule index by id, and each rule's
/// confidence, which is the ceiling of what the detector may report (a user may lower it in YAML).
package struct DetectorRules: Sendable {
    package var indexByID: [String: Int]
    package var ceilingByIndex: [Int: Rule.Confidence]
}

/// A rule-backed detector written in Swift, for detection a regex does badly. It declares the
/// literal fragments it needs from the engine's one Vectorscan pass and is handed where they start,
/// so it reads only around them. Rules name it with `detector:` (`Rule.Detector`).
package protocol Detector: Sendable {
    /// The `detector:` value of the rules it serves.
    var kind: Rule.Detector { get }
    /// Lowercase literals matched without case; at least one starts every candidate.
    var fragments: [String] { get }
    /// The matches in `bytes`, given the sorted offsets at which a fragment starts. Judged-out
    /// candidates go to `rejected` when it is non-nil.
    func matches(
        in bytes: UnsafeRawBufferPointer, fragmentStarts: [Int], rules: DetectorRules, syntax: TextSyntax,
        rejected: inout [RejectedMatch]?
    ) -> [RuleMatch]
}

extension Rule.Detector {
    /// The Swift implementation of this detector kind, when the engine runs it (analyzer rules'
    /// matches come from the analyzers, after the engine's pass).
    package var implementation: (any Detector)? {
        switch self {
        case .genericAssignment: GenericAssignmentRuleDetector()
        case .analyzer: nil
        }
    }
}
