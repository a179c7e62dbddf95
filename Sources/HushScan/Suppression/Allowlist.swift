import Foundation

/// Values a team says are never secrets (`.hush.yaml` `allow:` and `stopwords:`): an exact value,
/// a regular expression the whole secret matches, for some rules or all; or a stopword the
/// secret contains (case-insensitive). Checked per finding, after detection: a handful of
/// expressions over a few findings, not over every byte.
package struct Allowlist: Sendable {
    private struct Entry: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
        var value: String?
        var regex: NSRegularExpression?
        var rules: Set<String>
    }

    private let entries: [Entry]
    private let stopwords: [String]

    package init(_ entries: [HushConfiguration.AllowEntry] = [], stopwords: [String] = []) {
        self.entries = entries.map { entry in
            Entry(
                value: entry.value,
                regex: entry.regex.flatMap { try? NSRegularExpression(pattern: "^(?:" + $0 + ")$") },
                rules: Set(entry.rules))
        }
        self.stopwords = stopwords.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    package var isEmpty: Bool { entries.isEmpty && stopwords.isEmpty }

    /// Whether the team allows `finding`'s secret (or either half of a pair).
    package func allows(_ finding: Finding) -> Bool {
        guard !isEmpty, finding.kind == .secret else { return false }
        let secrets = finding.parts.isEmpty ? [finding.secret] : finding.parts.map(\.secret)
        return secrets.contains { secret in
            if !stopwords.isEmpty {
                let lower = secret.lowercased()
                if stopwords.contains(where: lower.contains) { return true }
            }
            return entries.contains { entry in
                guard entry.rules.isEmpty || entry.rules.contains(finding.ruleID) else { return false }
                if let value = entry.value { return value == secret }
                guard let regex = entry.regex else { return false }
                return regex.firstMatch(in: secret, range: NSRange(secret.startIndex..., in: secret)) != nil
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
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else { return nil }
        return date
    }

    static func dayString(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
