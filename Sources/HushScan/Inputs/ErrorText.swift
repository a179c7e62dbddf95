import Foundation

/// Errors from Foundation and the decoders, said in words a user can act on: no Swift type
/// names, no "The operation could not be completed".
package enum ErrorText {
    /// Why reading or writing `path` failed: the system's reason (`No such file or directory`),
    /// and for a write into a folder that does not exist, which folder.
    package static func file(_ error: any Error, path: String, writing: Bool = false) -> String {
        let ns = error as NSError
        var code: Int32?
        if ns.domain == NSPOSIXErrorDomain { code = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        }
        if code == nil, ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: code = ENOENT
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: code = EACCES
            case NSFileWriteOutOfSpaceError: code = ENOSPC
            case NSFileWriteVolumeReadOnlyError: code = EROFS
            default: break
            }
        }
        guard let code else { return ns.localizedDescription }
        if code == ENOENT, writing {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                return "the folder \(folder) does not exist (create it first)"
            }
        }
        return String(cString: strerror(code)).lowercased()
    }

    /// What a decoder found wrong, with where: `missing the key "name" in rules[0]`.
    package static func decoding(_ error: any Error) -> String {
        func place(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "at the top level" }
            var text = ""
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return "in " + text
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing the key \"\(key.stringValue)\" \(place(context.codingPath))"
        case .typeMismatch(let type, let context)?:
            return "\(place(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context)?:
            return "\(place(context.codingPath)): expected \(typeName(type)), found nothing"
        case .dataCorrupted(let context)?:
            let detail = context.underlyingError.map { ($0 as NSError).localizedDescription } ?? context.debugDescription
            return "\(place(context.codingPath)): \(detail)"
        default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "a mapping"
        }
    }
}
