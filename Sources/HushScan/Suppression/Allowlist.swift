import Foundation

/// Values a team says are never secrets (`.hush.yaml` `allow:` and `stopwords:`): an exact value,
/// a regular expression the whole secret matches, for some rules or all; or a stopword the
/// secret contains (case-insensitive). Checked per finding, after detection: a handful of
/// expressions over a few findings, not over every byte.
package struct Allowlist: Sendable {
    /// Entries that share their rules are one group: one set of exact values and one expression,
    /// the alternation of their regexes (measured: 50 expressions tried one by one on each of a
    /// corpus' 1,000 finding places cost a fifth of the scan; one alternation costs nothing).
    private struct Group: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
        var rules: Set<String>
        var values: Set<String>
        /// The alternation, or each pattern on its own when joining them does not compile (a
        /// pattern with `(?x)` comments or back-references).
        var regexes: [NSRegularExpression]
    }

    private let groups: [Group]
    /// Lower-cased UTF-8, searched as bytes (Foundation's `contains` on long secrets, PEM keys, was
    /// most of this stage's time).
    private let stopwords: [[UInt8]]

    package init(_ entries: [HushConfiguration.AllowEntry] = [], stopwords: [String] = []) {
        var byRules: [[String]: (values: Set<String>, patterns: [String])] = [:]
        for entry in entries {
            let key = entry.rules.sorted()
            if let value = entry.value { byRules[key, default: ([], [])].values.insert(value) }
            if let pattern = entry.regex { byRules[key, default: ([], [])].patterns.append(pattern) }
        }
        groups = byRules.map { key, group in
            let alternation = group.patterns.map { "(?:" + $0 + ")" }.joined(separator: "|")
            var regexes: [NSRegularExpression] = []
            if !group.patterns.isEmpty {
                // Joining renumbers back-references and lets a (?x) comment swallow the closing parenthesis.
                let joinable = !alternation.contains("(?x") && alternation.range(of: #"\\[1-9]"#, options: .regularExpression) == nil
                if group.patterns.count > 1, joinable,
                    let joined = try? NSRegularExpression(pattern: "^(?:" + alternation + ")$") {
                    regexes = [joined]
                } else {
                    // In extended mode a trailing `#` comment runs to the end of the line: end it first.
                    regexes = group.patterns.compactMap {
                        try? NSRegularExpression(pattern: "^(?:" + $0 + ($0.contains("(?x") ? "\n" : "") + ")$")
                    }
                }
            }
            return Group(rules: Set(key), values: group.values, regexes: regexes)
        }
        self.stopwords = stopwords.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
    }

    package var isEmpty: Bool { groups.isEmpty && stopwords.isEmpty }

    /// Whether the team allows `finding`'s secret (or either half of a pair).
    package func allows(_ finding: Finding) -> Bool {
        guard !isEmpty, finding.kind == .secret else { return false }
        let secrets = finding.parts.isEmpty ? [finding.secret] : finding.parts.map(\.secret)
        return secrets.contains { secret in
            if !stopwords.isEmpty {
                // ASCII case folding is enough: the words are matched where secrets are ASCII.
                let lower = secret.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                let found = lower.withUnsafeBytes { text in
                    stopwords.contains { word in ByteSearch.firstOffset(of: word, in: text) != nil }
                }
                if found { return true }
            }
            return groups.contains { group in
                guard group.rules.isEmpty || group.rules.contains(finding.ruleID) else { return false }
                if group.values.contains(secret) { return true }
                let range = NSRange(secret.startIndex..., in: secret)
                return group.regexes.contains { $0.firstMatch(in: secret, range: range) != nil }
            }
        }
    }
}

/// Fingerprints a team hides, each until its expiry day (`.hush.yaml` `ignore:`). An entry past its
/// day stops hiding, and the scan says so.
package struct IgnoreList: Sendable {
    package private(set) var fingerprints: Set<String> = []
    /// Entries past their day, for the notice.
    package private(set) var expired: [HushConfiguration.IgnoreEntry] = []

    package init(_ entries: [HushConfiguration.IgnoreEntry] = [], today: Date = Date()) {
        let now = Self.dayString(today)
        for entry in entries {
            if let expires = entry.expires, expires < now {
                expired.append(entry)
            } else {
                fingerprints.insert(entry.fingerprint)
            }
        }
    }

    /// `2027-01-31` as a day, when it is one.
    static func day(_ text: String) -> Date? {
        text.count == 10 ? UTCDate.formatter(UTCDate.day).date(from: text) : nil
    }

    /// Today (or `date`) as the ignore list writes days.
    package static func dayString(_ date: Date) -> String { UTCDate.string(date, UTCDate.day) }
}
