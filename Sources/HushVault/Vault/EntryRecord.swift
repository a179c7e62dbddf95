import Foundation

/// The non-secret-looking fields of an entry (still encrypted on disk, like everything else).
package struct EntryFields: Sendable, Equatable {
    /// A user name.
    package var username: String?
    /// Where the secret is used.
    package var url: String?
    /// Free text.
    package var notes: String?
    /// Free-text tags.
    package var tags: [String]

    /// Fields; all optional.
    package init(username: String? = nil, url: String? = nil, notes: String? = nil, tags: [String] = []) {
        self.username = username
        self.url = url
        self.notes = notes
        self.tags = tags
    }
}

/// Changes to apply to an entry's fields on `set`; nil leaves a field as it was.
package struct FieldChanges: Sendable, Equatable {
    /// New user name.
    package var username: String?
    /// New URL.
    package var url: String?
    /// New notes.
    package var notes: String?
    /// New tag list (replaces the old one).
    package var tags: [String]?

    /// Changes; nil keeps the current value.
    package init(username: String? = nil, url: String? = nil, notes: String? = nil, tags: [String]? = nil) {
        self.username = username
        self.url = url
        self.notes = notes
        self.tags = tags
    }

    func applied(to fields: EntryFields) -> EntryFields {
        EntryFields(
            username: username ?? fields.username, url: url ?? fields.url, notes: notes ?? fields.notes,
            tags: tags ?? fields.tags)
    }
}

/// One decrypted version of an entry.
package struct EntryRecord {
    /// The entry's name.
    package var name: String
    /// The secret value, in guarded memory.
    package var value: SecretBytes
    /// The other fields.
    package var fields: EntryFields
    /// When the entry was first stored.
    package var created: Date
    /// When this version was stored.
    package var updated: Date
    /// This version's number (1 = first).
    package var version: Int
}

/// A listing line: everything but the value.
package struct EntrySummary: Sendable, Equatable {
    /// The entry's name.
    package var name: String
    /// The current version's fields.
    package var fields: EntryFields
    /// When the current version was stored.
    package var updated: Date
    /// The current version number.
    package var version: Int
}

/// One earlier or current version, as `history` lists it.
package struct EntryVersionInfo: Sendable, Equatable {
    /// The version number.
    package var version: Int
    /// When it was stored.
    package var stored: Date
    /// Whether it is the current version.
    package var isCurrent: Bool
}
