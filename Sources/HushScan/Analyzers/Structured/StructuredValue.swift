import Foundation
import Yams

/// Judgement of a value found in structure under a field name (a Secret's `data.password`, an
/// env var `DB_PASSWORD`, a Dockerfile `ENV API_TOKEN`): the generic detector's judgement, with
/// the field as its key.
enum StructuredValue {
    /// The secret rule and confidence for `value` under `key`, or nil when the key names no secret
    /// or the value is not one (a placeholder, a reference, a known non-secret shape).
    static func judge(_ value: String, key: String, inSecret: Bool = false) -> (ruleID: String, confidence: Rule.Confidence)? {
        guard let kind = keyKind(key, inSecret: inSecret), !isReference(value) else { return nil }
        guard let confidence = SecretValueJudgement.judge(value, key: key).reportConfidence else { return nil }
        return (GenericFinding.ruleID(kind: kind, syntax: .equalsPair), confidence)
    }

    /// What `key` says its value is: the generic detector's reading, plus, `inSecret` (a key of a
    /// Secret's data), a bare `key` and `tls.key`, `ssh-key`, `git_key`: in a Secret a key is a key,
    /// where elsewhere `SORT_KEY` or `CACHE_KEY` is a lookup.
    static func keyKind(_ key: String, inSecret: Bool = false) -> SecretKeyKind? {
        if let kind = SecretKeyName.classify(key) { return kind }
        guard inSecret else { return nil }
        let lower = key.lowercased()
        if lower == "key" || lower.hasSuffix(".key") || lower.hasSuffix("-key") || lower.hasSuffix("_key") {
            return .key
        }
        return nil
    }

    /// A value that is filled in elsewhere: `$VAR`, `${VAR}`, `$(command)`, `{{ template }}`,
    /// `%(name)s`, SOPS `ENC[...]`.
    static func isReference(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        return v.hasPrefix("$") || v.contains("{{") || v.contains("${") || v.contains("$(") || v.hasPrefix("ENC[")
            || v.hasPrefix("%(")
    }

    /// A list item written `KEY=value` (compose `environment`, kustomize `literals`): its key, its
    /// value, and where the value sits (after `KEY=` when the item is there as written).
    static func assignment(_ item: Node, in documents: YAMLDocuments) -> (key: String, value: String, range: Range<Int>)? {
        guard let entry = item.text, let equals = entry.firstIndex(of: "="), let range = documents.range(of: item) else { return nil }
        let key = String(entry[..<equals])
        let value = String(entry[entry.index(after: equals)...])
        let offset = key.utf8.count + 1
        return (key, value, range.count == entry.utf8.count ? (range.lowerBound + offset)..<range.upperBound : range)
    }

    /// Whether a value is real content rather than a stand-in: what makes a committed Secret a
    /// hygiene finding.
    static func isLiteral(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty, !isReference(v) else { return false }
        // A file or a document (a config, a .dockerconfigjson) is content, whatever words it holds.
        if v.contains("\n") || v.hasPrefix("{") || v.hasPrefix("[") { return !isFiller(v) }
        return !PlaceholderFilter.isPlaceholder(v) && !SecretValueJudgement.isPlaceholder(Array(v.utf8))
    }

    /// A document whose body (its letters and digits, PEM armour lines aside) is one character
    /// repeated: a stand-in for a key, not a key.
    static func isFiller(_ text: String) -> Bool {
        let body = text.split(separator: "\n").filter { !$0.contains("-----") }
            .flatMap { $0.utf8.filter { ValueCharacterClasses.isAlphanumeric($0) || $0 == UInt8(ascii: "*") } }
        return body.count >= 16 && SecretValueJudgement.isMostlyOneCharacter(body, share: 0.9)
    }
}
