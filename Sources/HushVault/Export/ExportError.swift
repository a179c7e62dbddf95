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
    /// A Secret data key the API server would reject.
    case invalidKey(entry: String, key: String, reason: String)
    /// An env name that changes how shells or loaders behave.
    case dangerousName(entry: String, name: String)
    /// Nothing to export.
    case noEntries

    package var errorDescription: String? {
        switch self {
        case let .keyCollision(key, first, second):
            "entries \"\(first)\" and \"\(second)\" both map to the key \(key); export them separately"
        case let .emptyKey(entry): "entry \"\(entry)\" maps to an empty key (use a shorter --prefix)"
        case let .invalidResourceName(kind, name):
            kind == "namespace"
                ? "\"\(name)\" is not a valid Kubernetes namespace (a DNS-1123 label: lower-case letters, digits and '-', no dots, at most 63)"
                : "\"\(name)\" is not a valid Kubernetes \(kind) name (a DNS-1123 subdomain: lower-case letters, digits, '-', '.'; at most 253)"
        case let .unrepresentableValue(entry, reason): "entry \"\(entry)\" cannot go in an env file: \(reason)"
        case let .invalidKey(entry, key, reason):
            "entry \"\(entry)\" maps to the Secret key \"\(key)\", which Kubernetes rejects: \(reason)"
        case let .dangerousName(entry, name):
            "entry \"\(entry)\" maps to \(name), which changes how shells, loaders or interpreters behave; "
                + "rename the entry, or pass --allow-dangerous-names"
        case .noEntries: "no entries to export"
        }
    }
}
