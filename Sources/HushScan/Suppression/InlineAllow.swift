import Foundation

/// An allow comment in scanned text: `hush:allow` suppresses findings on its own line,
/// `hush:allow-next-line` those on the line below.
///
/// Either may name rules: `hush:allow github-pat` or `hush:allow github-pat,aws-access-key-id`.
/// Words after the directive that are not ids of loaded rules are taken as prose
/// (`# hush:allow test fixture`); when no word names a loaded rule, every rule is allowed.
package struct InlineAllow: Sendable, Hashable {
    /// Whether the directive is about the next line rather than its own.
    package var nextLine: Bool
    /// The rules allowed; empty means all.
    package var ruleIDs: Set<String>

    package init(nextLine: Bool, ruleIDs: Set<String> = []) {
        self.nextLine = nextLine
        self.ruleIDs = ruleIDs
    }

    static let marker = "hush:allow"

    /// Whether this directive allows a finding of `ruleID`.
    package func allows(_ ruleID: String) -> Bool {
        ruleIDs.isEmpty || ruleIDs.contains(ruleID)
    }

    /// Every directive in one line of text; `knownRuleIDs` tells rule ids from prose.
    package static func directives(in line: Substring, knownRuleIDs: Set<String>) -> [InlineAllow] {
        var found: [InlineAllow] = []
        var rest = line
        while let hit = rest.range(of: marker) {
            rest = rest[hit.upperBound...]
            let nextLine = rest.hasPrefix("-next-line")
            if nextLine { rest = rest.dropFirst("-next-line".count) }
            // A directive must end its word: "hush:allowance" is not one.
            if let first = rest.first, first.isLetter || first.isNumber || first == "-" || first == "_" { continue }
            let words = rest.prefix { $0 != "\n" }
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .prefix { !$0.contains(":") }  // stop at the next directive-looking word
                .map(String.init)
            let named = Set(words.filter(knownRuleIDs.contains))
            found.append(InlineAllow(nextLine: nextLine, ruleIDs: named))
        }
        return found
    }
}
