import Foundation

/// Entry names are slash-separated paths (`prod/db/password`), stored in Unicode NFC.
package enum EntryName {
    /// Longest name accepted, in UTF-8 bytes.
    package static let maximumLength = 1024

    /// The name in NFC, or an error unless it is a usable path that `list` cannot be spoofed with: non-empty,
    /// no empty, `.` or `..` parts, no part that is blank or starts or ends with a space, and no control,
    /// format (bidi overrides, zero-width), line or paragraph separator, private-use, unassigned or
    /// non-ASCII space characters.
    @discardableResult
    package static func validate(_ name: String) throws(VaultError) -> String {
        let name = name.precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw .invalidName(name, reason: "it is empty") }
        guard name.utf8.count <= maximumLength else {
            throw .invalidName(String(name.prefix(40)) + "…", reason: "longer than \(maximumLength) bytes")
        }
        for scalar in name.unicodeScalars {
            let reason: String?
            switch scalar.properties.generalCategory {
            case .control: reason = "it contains a control character"
            case .format: reason = "it contains an invisible format character (U+\(hex(scalar)), e.g. a bidi override or zero-width character)"
            case .lineSeparator, .paragraphSeparator: reason = "it contains a line or paragraph separator (U+\(hex(scalar)))"
            case .privateUse, .unassigned, .surrogate: reason = "it contains an unassigned or private-use character (U+\(hex(scalar)))"
            case .spaceSeparator where scalar != " ": reason = "it contains a space character other than U+0020 (U+\(hex(scalar)))"
            default: reason = nil
            }
            if let reason { throw .invalidName(printable(name), reason: reason) }
        }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty { throw .invalidName(name, reason: "empty path component (leading, trailing or double '/')") }
            if part == "." || part == ".." { throw .invalidName(name, reason: "'.' and '..' are not allowed") }
            if part.allSatisfy({ $0 == " " }) { throw .invalidName(name, reason: "a path component is only spaces") }
            if part.first == " " || part.last == " " {
                throw .invalidName(name, reason: "a path component starts or ends with a space")
            }
        }
        return name
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The name with every invisible or control character shown as `\u{…}`, for error messages.
    private static func printable(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let category = scalar.properties.generalCategory
            let invisible: Set<Unicode.GeneralCategory> = [
                .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate,
            ]
            if invisible.contains(category) || (category == .spaceSeparator && scalar != " ") {
                out += "\\u{\(hex(scalar))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
