import Foundation

/// Facts read offline from a finding's secret and parts: which AWS account a key id belongs to,
/// and when a JSON Web Token expires (and whether it has).
package enum FindingDetails {
    /// JSON keys of the details (docs/json-schema.md).
    package static let awsAccountID = "aws_account_id"
    package static let expiresAt = "expires_at"
    package static let expired = "expired"

    /// The details of a finding whose secret and parts are `values`, at time `now`.
    package static func of(_ values: [String], now: Date = Date()) -> [String: FindingDetail] {
        var details: [String: FindingDetail] = [:]
        for value in values {
            if let account = AWSKeyIDDecoder.accountID(of: value) { details[awsAccountID] = .text(account) }
            if value.hasPrefix("eyJ"), let expiry = JWTClaimsReader.expiry(of: value) {
                details[expiresAt] = .text(expiry.formatted(Date.ISO8601FormatStyle()))
                details[expired] = .flag(expiry <= now)
            }
        }
        return details
    }
}
