import Foundation

/// One line of `vault import` input: a JSON object
/// `{"name": "...", "value": "...", "username"?, "url"?, "notes"?, "tags"?: [...]}`.
package enum ImportLine {
    private struct Line: Decodable {
        var name: String
        var value: String
        var username: String?
        var url: String?
        var notes: String?
        var tags: [String]?
    }

    /// Parses one JSON line (line numbers start at 1, for the error message).
    package static func parse(_ line: Data, lineNumber: Int) throws(VaultError) -> EntryWrite {
        let parsed: Line
        do {
            parsed = try JSONDecoder().decode(Line.self, from: line)
        } catch {
            throw .input("import line \(lineNumber): expected a JSON object with string \"name\" and \"value\"")
        }
        try EntryName.validate(parsed.name)
        return EntryWrite(
            name: parsed.name, value: SecretBytes(utf8: parsed.value),
            changes: FieldChanges(username: parsed.username, url: parsed.url, notes: parsed.notes, tags: parsed.tags))
    }
}
