import Foundation

/// The fields `vault get --field` can print.
package enum EntryField: String, CaseIterable, Sendable {
    case value, username, url, notes, tags, created, updated, name, version

    /// Parses a field name.
    package init(named name: String) throws(VaultError) {
        guard let field = EntryField(rawValue: name.lowercased()) else { throw .unknownField(name) }
        self = field
    }

    /// The field's bytes for `record` (the value stays in guarded memory); throws when the field is unset.
    package func bytes(of record: EntryRecord) throws(VaultError) -> SecretBytes {
        let text: String?
        switch self {
        case .value: return record.value
        case .username: text = record.fields.username
        case .url: text = record.fields.url
        case .notes: text = record.fields.notes
        case .tags: text = record.fields.tags.isEmpty ? nil : record.fields.tags.joined(separator: ",")
        case .created: text = Self.timestamp(record.created)
        case .updated: text = Self.timestamp(record.updated)
        case .name: text = record.name
        case .version: text = String(record.version)
        }
        guard let text else { throw .input("entry \"\(record.name)\" has no \(rawValue)") }
        return SecretBytes(utf8: text)
    }

    /// ISO 8601 in UTC, the form every date in the vault's output takes.
    package static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
