import Foundation

/// A rule whose example or counter-example the engine does not treat as the rule says.
package struct RuleExampleFailure: Error, LocalizedError, Sendable, Hashable {
    /// The rule file the rule came from.
    package var file: String
    package var ruleID: String
    /// The example text (rule examples are synthetic by policy, so showing them is safe).
    package var example: String
    /// What went wrong, in words (no match, wrong capture, dropped by a gate, counter-example matched).
    package var problem: String

    package var errorDescription: String? {
        "\(file): rule '\(ruleID)': \(problem), in example \(Self.quoted(example))"
    }

    /// The same failure as a rule load error, for the CLI's `--rules` path.
    package var loadError: RuleLoadError {
        .invalidRule(file: file, ruleID: ruleID, reason: "\(problem), in example \(Self.quoted(example))")
    }

    private static func quoted(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: "\\n")
        return "'" + (oneLine.count > 120 ? oneLine.prefix(117) + "..." : oneLine) + "'"
    }
}

/// Runs rules' examples and counter-examples through the whole engine path (Vectorscan or keyword
/// prefilter, PCRE2, entropy gate, validator, placeholder filter).
package enum RuleExampleCheck {
    /// Every way the rules (all of them, or those from `files`) disagree with their own examples:
    /// each example must produce a match of its rule capturing exactly `secret` (and no match of that
    /// rule capturing anything else); each counter-example must produce none.
    /// Analyzer rules' examples are scanned as files of their `path` (their counter-examples as
    /// files of the first example's), through the whole blob pipeline with `analyzers`.
    package static func failures(
        engine: ScanEngine, files: Set<String>? = nil, analyzers: [any Analyzer] = Scan.defaultAnalyzers
    ) -> [RuleExampleFailure] {
        let worker = engine.makeWorker()
        let blobScanner = BlobScanner(engine: engine, analyzers: analyzers)
        var failures: [RuleExampleFailure] = []
        for (index, rule) in engine.ruleSet.rules.enumerated() {
            let file = engine.ruleSet.sourceFile[rule.id] ?? "(rule set)"
            if let files, !files.contains(file) { continue }
            func fail(_ example: String, _ problem: String) {
                failures.append(RuleExampleFailure(file: file, ruleID: rule.id, example: example, problem: problem))
            }
            if rule.detector == .analyzer {
                let path = rule.examples.first?.path ?? "example"
                func secrets(_ text: String, at path: String) -> [String] {
                    let bytes = Array(text.utf8)
                    return bytes.withUnsafeBytes { blobScanner.findings(in: $0, at: .file(path: path)).0.findings }
                        .filter { $0.ruleID == rule.id }.map(\.secret)
                }
                for example in rule.examples {
                    let found = secrets(example.text, at: example.path ?? path)
                    if let other = found.first(where: { $0 != example.secret }) {
                        fail(example.text, found.contains(example.secret)
                            ? "also captured '\(other)' besides '\(example.secret)'" : "captured '\(other)' instead of '\(example.secret)'")
                    } else if found.isEmpty {
                        fail(example.text, "no match (checked as \(example.path ?? path))")
                    }
                }
                for counter in rule.counterExamples {
                    if let match = secrets(counter, at: path).first {
                        fail(counter, "counter-example matched, capturing '\(match)'")
                    }
                }
                continue
            }
            for example in rule.examples {
                let (matches, rejected) = run(worker, example.text, rule: index)
                let others = matches.filter { $0.secret != example.secret }
                if matches.count > others.count {
                    if let other = others.first {
                        fail(example.text, "also captured '\(other.secret)' besides '\(example.secret)'")
                    }
                } else if let other = others.first {
                    fail(example.text, "captured '\(other.secret)' instead of '\(example.secret)'")
                } else if let dropped = rejected.first(where: { $0.secret == example.secret }) ?? rejected.first {
                    fail(example.text, "matched '\(dropped.secret)' but dropped it: \(describe(dropped.reason))")
                } else {
                    fail(example.text, "no match")
                }
            }
            for counter in rule.counterExamples {
                let (matches, _) = run(worker, counter, rule: index)
                if let match = matches.first {
                    fail(counter, "counter-example matched, capturing '\(match.secret)'")
                }
            }
        }
        return failures
    }

    private static func run(_ worker: EngineWorker, _ text: String, rule: Int) -> ([RuleMatch], [RejectedMatch]) {
        var rejected: [RejectedMatch]? = []
        let bytes = Array(text.utf8)
        let matches = bytes.withUnsafeBytes { worker.scan($0, rejected: &rejected) }.filter { $0.ruleIndex == rule }
        // An engine built with `keepInvalid` returns failed checks as matches: they are rejections here.
        let invalid = matches.filter { $0.validation == .invalid }.map {
            RejectedMatch(ruleIndex: rule, secret: $0.secret, reason: .invalid(validator: worker.engine.ruleSet.rules[rule].validate ?? "?"))
        }
        return (matches.filter { $0.validation != .invalid }, invalid + (rejected ?? []).filter { $0.ruleIndex == rule })
    }

    private static func describe(_ reason: RejectedMatch.Reason) -> String {
        switch reason {
        case .emptySecret: "the secret group captured nothing"
        case .lowEntropy(let value, let minimum):
            "entropy \(String(format: "%.2f", value)) is below min_entropy \(String(format: "%.2f", minimum))"
        case .invalid(let validator): "validator '\(validator)' says it is invalid"
        case .placeholder: "the placeholder filter took it for a stand-in value"
        case .judged(let reason): "the detector judged it not a secret (\(reason))"
        case .knownShape(let shape): "it has the shape of a \(shape) (the known-shape filter)"
        }
    }
}
