import Foundation

/// The non-secret-looking fields of an entry (still encrypted on disk, like everything else).
public struct EntryFields: Sendable, Equatable {
    /// A user name.
    public var username: String?
    /// Where the secret is used.
    public var url: String?
    /// Free text.
    public var notes: String?
    /// Free-text tags.
    public var tags: [String]

    /// Fields; all optional.
    public init(username: String? = nil, url: String? = nil, notes: String? = nil, tags: [String] = []) {
        self.username = username
        self.url = url
        self.notes = notes
        self.tags = tags
    }
}

/// Changes to apply to an entry's fields on `set`; nil leaves a field as it was.
public struct FieldChanges: Sendable, Equatable {
    /// New user name.
    public var username: String?
    /// New URL.
    public var url: String?
    /// New notes.
    public var notes: String?
    /// New tag list (replaces the old one).
    public var tags: [String]?

    /// Changes; nil keeps the current value.
    public init(username: String? = nil, url: String? = nil, notes: String? = nil, tags: [String]? = nil) {
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
public struct EntryRecord {
    /// The entry's name.
    public var name: String
    /// The secret value, in guarded memory.
    public var value: SecretBytes
    /// The other fields.
    public var fields: EntryFields
    /// When the entry was first stored.
    public var created: Date
    /// When this version was stored.
    public var updated: Date
    /// This version's number (1 = first).
    public var version: Int
}

/// A listing line: everything but the value.
public struct EntrySummary: Sendable, Equatable {
    /// The entry's name.
    public var name: String
    /// The current version's fields.
    public var fields: EntryFields
    /// When the current version was stored.
    public var updated: Date
    /// The current version number.
    public var version: Int
}

/// One earlier or current version, as `history` lists it.
public struct EntryVersionInfo: Sendable, Equatable {
    /// The version number.
    public var version: Int
    /// When it was stored.
    public var stored: Date
    /// Whether it is the current version.
    public var isCurrent: Bool
}
