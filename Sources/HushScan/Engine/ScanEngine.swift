import Foundation

/// Why the engine could not be built from a rule set.
public enum EngineError: Error, LocalizedError, Sendable, Equatable {
    case badPattern(ruleID: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .badPattern(let ruleID, let reason): "rule '\(ruleID)': pattern does not compile: \(reason)"
        }
    }
}

/// The compiled rule set, shared read-only by every worker.
///
/// STUB (to be replaced by the Vectorscan + PCRE2 engine): runs NSRegularExpression per rule.
public final class ScanEngine: Sendable {
    public let ruleSet: RuleSet
    private let regexes: [NSRegularExpression]

    public init(ruleSet: RuleSet) throws(EngineError) {
        self.ruleSet = ruleSet
        var compiled: [NSRegularExpression] = []
        for rule in ruleSet.rules {
            do { compiled.append(try NSRegularExpression(pattern: rule.pattern)) } catch {
                throw .badPattern(ruleID: rule.id, reason: "\(error)")
            }
        }
        regexes = compiled
    }

    /// Per-thread scratch for scanning; make one per worker.
    public func makeWorker() -> EngineWorker {
        EngineWorker(engine: self)
    }

    fileprivate func scanStub(_ bytes: UnsafeRawBufferPointer) -> [RuleMatch] {
        let text = String(decoding: bytes, as: UTF8.self)
        let ns = text as NSString
        var out: [RuleMatch] = []
        for (index, regex) in regexes.enumerated() {
            let group = ruleSet.rules[index].secretGroup
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let r = m.range(at: group)
                guard r.location != NSNotFound else { continue }
                let secret = ns.substring(with: r)
                let start = ns.substring(to: r.location).utf8.count
                let whole = m.range
                let wstart = ns.substring(to: whole.location).utf8.count
                out.append(RuleMatch(
                    ruleIndex: index, matchRange: wstart..<(wstart + ns.substring(with: whole).utf8.count),
                    secretRange: start..<(start + secret.utf8.count), secret: secret, entropy: 0,
                    validation: .none))
            }
        }
        return out
    }
}

/// Scans buffers with one engine; holds the per-thread scratch. Not thread-safe: one per worker.
public final class EngineWorker {
    let engine: ScanEngine

    init(engine: ScanEngine) {
        self.engine = engine
    }

    /// Every confirmed match in the buffer, in order of position.
    public func scan(_ bytes: UnsafeRawBufferPointer) -> [RuleMatch] {
        engine.scanStub(bytes)
    }
}
