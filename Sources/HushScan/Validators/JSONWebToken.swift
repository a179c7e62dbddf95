import Foundation

/// The `jwt` validator: header and payload are base64url-encoded JSON objects, and the header names
/// its algorithm (`alg`).
enum JSONWebToken {
    @Sendable static func validate(_ input: ValidationInput) -> Validation {
        let parts = input.secret.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        // A JWS has three parts; the signature may be empty for `alg: none`.
        guard parts.count == 3,
              let header = jsonObject(parts[0]), header["alg"] is String,
              jsonObject(parts[1]) != nil
        else { return .invalid }
        return .valid
    }

    private static func jsonObject(_ part: Substring.UTF8View.SubSequence) -> [String: Any]? {
        guard !part.isEmpty, let bytes = LenientBase64.decode(part) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
