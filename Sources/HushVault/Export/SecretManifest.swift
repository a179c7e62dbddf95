import Foundation

/// Writes a Kubernetes v1 `Secret` manifest (type Opaque) with base64 `data`.
///
/// Every scalar is double-quoted, so no name, namespace or key can be misread by YAML as a number,
/// a boolean or null; HushVault writes the YAML itself to stay free of a YAML dependency.
package struct SecretManifest {
    /// `metadata.name`: a DNS-1123 subdomain.
    package let name: String
    /// `metadata.namespace`, or none.
    package let namespace: String?

    /// Validates the Secret's name and namespace.
    package init(name: String, namespace: String?) throws(ExportError) {
        guard Self.isSubdomain(name) else { throw .invalidResourceName(kind: "Secret", name: name) }
        if let namespace, !Self.isLabel(namespace) { throw .invalidResourceName(kind: "namespace", name: namespace) }
        self.name = name
        self.namespace = namespace
    }

    /// A default Secret name derived from a prefix: `prod/db/` → `prod-db`, or `hush` without one.
    package static func defaultName(prefix: String?) -> String {
        let base = (prefix ?? "").lowercased().map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber) ? ch : "-"
        }
        let trimmed = String(base).split(separator: "-").joined(separator: "-")
        return trimmed.isEmpty ? "hush" : String(trimmed.prefix(253))
    }

    /// The manifest for `entries`, keys as `ExportKey.secretKey` maps them, sorted by key, assembled in
    /// guarded memory. Each key is checked as the API server checks Secret data keys.
    package func render(_ entries: [ExportEntry], prefix: String?) throws(ExportError) -> SecretText {
        let keyed = try ExportKey.assign(entries, prefix: prefix, key: ExportKey.secretKey)
        for (key, entry) in keyed { try ExportKey.validateSecretKey(key, entry: entry.name) }
        var text = SecretText(capacity: 256 + keyed.reduce(0) { $0 + $1.key.utf8.count + $1.entry.value.count * 4 / 3 + 16 })
        text.append("apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(Self.quoted(name))\n")
        if let namespace { text.append("  namespace: \(Self.quoted(namespace))\n") }
        text.append("type: Opaque\ndata:\n")
        for (key, entry) in keyed {
            text.append("  \(Self.quoted(key)): \"")
            text.appendBase64(of: entry.value)
            text.append("\"\n")
        }
        return text
    }

    /// YAML double-quoted scalar; our inputs are validated ASCII, so escaping `"` and `\` is enough.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        let alnum: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == 0x2D }
    }

    static func isSubdomain(_ text: String) -> Bool {
        text.utf8.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }
}
