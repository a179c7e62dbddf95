import Foundation

/// Reads the time claims of a JSON Web Token without verifying it, so a report can say a leaked
/// token has expired (it still deserves rotating the key that signed it).
package enum JWTClaimsReader {
    /// The registered time claims (RFC 7519 §4.1: `exp`, `nbf`, `iat`, seconds since 1970).
    package struct Times: Sendable, Hashable {
        package var expiresAt: Date?
        package var notBefore: Date?
        package var issuedAt: Date?

        /// Whether the token has expired at `now`; nil when it carries no `exp`.
        package func isExpired(at now: Date = Date()) -> Bool? { expiresAt.map { $0 <= now } }
    }

    /// The time claims of `token`, or nil when it is not `header.payload.signature` with a JSON
    /// object header naming `alg` and a JSON object payload.
    package static func times(of token: String) -> Times? {
        guard let payload = payloadObject(of: token) else { return nil }
        return Times(expiresAt: date(payload["exp"]), notBefore: date(payload["nbf"]), issuedAt: date(payload["iat"]))
    }

    /// The `exp` claim of `token` as a date.
    package static func expiry(of token: String) -> Date? { times(of: token)?.expiresAt }

    /// `.valid` when `token` is structurally a JWS (see `times(of:)`), `.invalid` otherwise.
    package static func validate(_ token: String) -> Validation {
        payloadObject(of: token) == nil ? .invalid : .valid
    }

    private static func payloadObject(of token: String) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = object(parts[0]), header["alg"] is String else { return nil }
        return object(parts[1])
    }

    private static func object(_ part: Substring) -> [String: Any]? {
        guard !part.isEmpty, let bytes = LenientBase64.decode(Array(part.utf8)) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    private static func date(_ claim: Any?) -> Date? {
        // Booleans arrive as NSNumber too; their type code is `c`.
        guard let number = claim as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        return Date(timeIntervalSince1970: number.doubleValue)
    }
}
