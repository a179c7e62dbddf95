import Foundation

/// Dates written and read in UTC with a fixed pattern, whatever the machine's locale and zone:
/// ignore-list days (`2027-01-31`) and GitLab's report times (`2026-12-03T18:40:00`).
package enum UTCDate {
    package static let day = "yyyy-MM-dd"
    package static let secondsWithoutZone = "yyyy-MM-dd'T'HH:mm:ss"

    package static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }

    package static func string(_ date: Date, _ pattern: String) -> String { formatter(pattern).string(from: date) }
}
