/// Entry names are slash-separated paths (`prod/db/password`).
package enum EntryName {
    /// Longest name accepted, in UTF-8 bytes.
    package static let maximumLength = 1024

    /// Throws unless `name` is a usable path: non-empty, no empty, `.` or `..` parts, no control characters.
    package static func validate(_ name: String) throws(VaultError) {
        guard !name.isEmpty else { throw .invalidName(name, reason: "it is empty") }
        guard name.utf8.count <= maximumLength else {
            throw .invalidName(String(name.prefix(40)) + "…", reason: "longer than \(maximumLength) bytes")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidName(name, reason: "it contains control characters")
        }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty { throw .invalidName(name, reason: "empty path component (leading, trailing or double '/')") }
            if part == "." || part == ".." { throw .invalidName(name, reason: "'.' and '..' are not allowed") }
        }
    }
}
