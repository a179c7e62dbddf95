import Foundation

/// Why entries cannot be exported in the requested format.
package enum ExportError: Error, Equatable, LocalizedError {
    /// Two entries map to the same key.
    case keyCollision(key: String, first: String, second: String)
    /// An entry name maps to an empty key.
    case emptyKey(entry: String)
    /// A Secret or namespace name that Kubernetes would reject.
    case invalidResourceName(kind: String, name: String)
    /// A value an env file cannot hold (a NUL byte).
    case unrepresentableValue(entry: String, reason: String)
    /// Nothing to export.
    case noEntries

    package var errorDescription: String? {
        switch self {
        case let .keyCollision(key, first, second):
            "entries \"\(first)\" and \"\(second)\" both map to the key \(key); export them separately"
        case let .emptyKey(entry): "entry \"\(entry)\" maps to an empty key (use a shorter --prefix)"
        case let .invalidResourceName(kind, name):
            "\"\(name)\" is not a valid Kubernetes \(kind) name (lower-case letters, digits, '-', '.'; at most 253)"
        case let .unrepresentableValue(entry, reason): "entry \"\(entry)\" cannot go in an env file: \(reason)"
        case .noEntries: "no entries to export"
        }
    }
}
