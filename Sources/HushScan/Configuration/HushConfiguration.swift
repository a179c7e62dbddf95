import Foundation
import Yams

/// Why a configuration file could not be used: the file, the line and what to change.
package enum ConfigurationError: Error, LocalizedError, Sendable, Hashable {
    case unreadable(path: String, reason: String)
    case invalid(path: String, line: Int, reason: String)

    package var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the configuration: \(reason)"
        case .invalid(let path, let line, let reason): "\(path):\(line): \(reason)"
        }
    }
}

/// A team's settings for hush, from `.hush.yaml` at the root of a scanned folder (or `--config`):
/// extra rules, disabled rules, path excludes, values that are never secrets, stopwords, per-rule
/// entropy thresholds, scan limits, what fails the scan, and an ignore list of fingerprints with
/// reasons and expiry dates. Flags on the command line override its scalars.
package struct HushConfiguration: Sendable, Hashable {
    /// A value never reported: exactly `value`, or any secret `regex` matches in full, for `rules`
    /// (every rule when empty).
    package struct AllowEntry: Sendable, Hashable {
        package var value: String?
        package var regex: String?
        package var rules: [String]
        package var reason: String?
    }

    /// A finding hidden by its fingerprint until `expires` (a day, `2027-01-31`), if given.
    package struct IgnoreEntry: Sendable, Hashable {
        package var fingerprint: String
        package var reason: String?
        package var expires: String?
        /// The file and line it came from, for the expiry notice.
        package var source: String
    }

    package static let fileName = ".hush.yaml"

    /// The files it was read from, in order.
    package var files: [String] = []
    /// Rule files or folders, as paths relative to the working directory.
    package var ruleFiles: [String] = []
    package var disabledRules: [String] = []
    package var exclude: [String] = []
    package var allow: [AllowEntry] = []
    package var stopwords: [String] = []
    package var entropy: [String: Double] = [:]
    package var maxFileSize: Int?
    package var minConfidence: Rule.Confidence?
    package var failOn: Rule.Confidence?
    package var ignore: [IgnoreEntry] = []

    package init() {}

    static let keys: [String: String] = [
        "rules": "rule files or folders, relative to this file",
        "disable": "rule ids to turn off",
        "exclude": "path globs to skip, relative to the scanned folder",
        "allow": "values never reported: {value: …} or {regex: …}, optionally with rules: [ids] and reason:",
        "stopwords": "words that make a secret a stand-in when it contains one",
        "entropy": "per-rule minimum entropy, rule-id: bits per character",
        "max_file_size": "skip files larger than this (25MB, 512KiB, bytes)",
        "min_confidence": "report only findings at least this confident: low, medium, high",
        "fail_on": "fail the scan only on findings at least this confident: low, medium, high",
        "ignore": "fingerprints to hide: {fingerprint: …, reason: …, expires: YYYY-MM-DD}",
    ]

    /// Reads `path`. Unknown keys, wrong types and bad values are errors naming the line.
    package static func load(path: String) throws(ConfigurationError) -> HushConfiguration {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: ErrorText.file(error, path: path))
        }
        return try parse(text, path: path)
    }

    package static func parse(_ text: String, path: String) throws(ConfigurationError) -> HushConfiguration {
        func fail(_ node: Node?, _ reason: String) -> ConfigurationError {
            .invalid(path: path, line: node?.mark?.line ?? 1, reason: reason)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text, .basic, .default, .utf8) } catch {
            let line = (error as? YamlError).flatMap(Self.line(of:)) ?? 1
            throw .invalid(path: path, line: line, reason: "not valid YAML")
        }
        var config = HushConfiguration()
        config.files = [path]
        guard let root else { return config }  // an empty file
        guard root.mapping != nil else { throw fail(root, "the configuration must be a mapping of settings") }
        let folder = (path as NSString).deletingLastPathComponent

        func strings(_ node: Node, _ key: String) throws(ConfigurationError) -> [String] {
            guard node.sequence != nil else { throw fail(node, "\(key) must be a list") }
            var out: [String] = []
            for item in node.items {
                guard let text = item.text, !text.isEmpty else { throw fail(item, "\(key) must list strings") }
                out.append(text)
            }
            return out
        }
        func confidence(_ node: Node, _ key: String) throws(ConfigurationError) -> Rule.Confidence {
            guard let text = node.text, let level = Rule.Confidence(rawValue: text.lowercased()) else {
                throw fail(node, "\(key) must be low, medium or high")
            }
            return level
        }

        for (keyNode, key, value) in root.pairs {
            switch key {
            case "rules":
                config.ruleFiles = try strings(value, key).map { $0.hasPrefix("/") || folder.isEmpty ? $0 : folder + "/" + $0 }
            case "disable": config.disabledRules = try strings(value, key)
            case "exclude": config.exclude = try strings(value, key)
            case "stopwords": config.stopwords = try strings(value, key).map { $0.lowercased() }
            case "min_confidence": config.minConfidence = try confidence(value, key)
            case "fail_on": config.failOn = try confidence(value, key)
            case "max_file_size":
                guard let text = value.text, let size = ByteSize(parsing: text) else {
                    throw fail(value, "max_file_size must be a size: bytes, or a number with a unit (25MB, 512KiB)")
                }
                config.maxFileSize = size.bytes
            case "entropy":
                for (_, rule, bits) in value.pairs {
                    guard let number = bits.text.flatMap(Double.init), (0...8).contains(number) else {
                        throw fail(bits, "entropy.\(rule) must be a number of bits per character, 0 to 8")
                    }
                    config.entropy[rule] = number
                }
                if value.mapping == nil { throw fail(value, "entropy must map rule ids to bits per character") }
            case "allow":
                guard value.sequence != nil else { throw fail(value, "allow must be a list") }
                for item in value.items {
                    try config.allow.append(Self.allowEntry(item, fail: fail))
                }
            case "ignore":
                guard value.sequence != nil else { throw fail(value, "ignore must be a list") }
                for item in value.items {
                    try config.ignore.append(Self.ignoreEntry(item, path: path, fail: fail))
                }
            default:
                let known = keys.keys.sorted().joined(separator: ", ")
                throw fail(keyNode, "unknown setting \"\(key)\" (known: \(known))")
            }
        }
        return config
    }

    private static func allowEntry(_ item: Node, fail: (Node?, String) -> ConfigurationError) throws(ConfigurationError) -> AllowEntry {
        if let text = item.text { return AllowEntry(value: text, regex: nil, rules: [], reason: nil) }
        var entry = AllowEntry(value: nil, regex: nil, rules: [], reason: nil)
        for (keyNode, key, value) in item.pairs {
            switch key {
            case "value": entry.value = value.text
            case "regex":
                guard let pattern = value.text, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw fail(value, "allow regex does not compile")
                }
                entry.regex = pattern
            case "rules": entry.rules = value.items.compactMap(\.text)
            case "reason": entry.reason = value.text
            default: throw fail(keyNode, "unknown allow key \"\(key)\" (known: value, regex, rules, reason)")
            }
        }
        guard (entry.value == nil) != (entry.regex == nil) else { throw fail(item, "an allow entry needs value: or regex: (one of them)") }
        return entry
    }

    private static func ignoreEntry(
        _ item: Node, path: String, fail: (Node?, String) -> ConfigurationError
    ) throws(ConfigurationError) -> IgnoreEntry {
        var entry = IgnoreEntry(fingerprint: "", reason: nil, expires: nil, source: "\(path):\(item.mark?.line ?? 1)")
        if let text = item.text { entry.fingerprint = text }
        for (keyNode, key, value) in item.pairs {
            switch key {
            case "fingerprint": entry.fingerprint = value.text ?? ""
            case "reason": entry.reason = value.text
            case "expires":
                guard let day = value.text, IgnoreList.day(day) != nil else { throw fail(value, "expires must be a day: YYYY-MM-DD") }
                entry.expires = day
            default: throw fail(keyNode, "unknown ignore key \"\(key)\" (known: fingerprint, reason, expires)")
            }
        }
        guard entry.fingerprint.count == 64, entry.fingerprint.allSatisfy(\.isHexDigit) else {
            throw fail(item, "an ignore entry needs a fingerprint: 64 hex digits, from a JSON report's \"fingerprint\"")
        }
        entry.fingerprint = entry.fingerprint.lowercased()
        return entry
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    /// This configuration and `other` (a second scanned folder's): lists joined, scalars kept
    /// from the first that sets them.
    package func merged(with other: HushConfiguration) -> HushConfiguration {
        var merged = self
        merged.files += other.files
        merged.ruleFiles += other.ruleFiles
        merged.disabledRules += other.disabledRules
        merged.exclude += other.exclude
        merged.allow += other.allow
        merged.stopwords += other.stopwords
        merged.entropy.merge(other.entropy) { first, _ in first }
        merged.maxFileSize = maxFileSize ?? other.maxFileSize
        merged.minConfidence = minConfidence ?? other.minConfidence
        merged.failOn = failOn ?? other.failOn
        merged.ignore += other.ignore
        return merged
    }
}
