/// One half of a credential that only works with its other half (an AWS access key id and its
/// secret access key), when both were found near each other and are reported as one finding.
package struct FindingPart: Sendable, Hashable {
    /// The rule that found this half.
    package var ruleID: String
    package var start: TextPosition
    package var end: TextPosition
    /// The half as found. Reports redact it unless asked not to.
    package var secret: String

    package init(ruleID: String, start: TextPosition, end: TextPosition, secret: String) {
        self.ruleID = ruleID
        self.start = start
        self.end = end
        self.secret = secret
    }
}

/// A fact read offline from a secret (the AWS account a key id belongs to, when a JWT expires), for
/// people deciding what to rotate first. A JSON string or boolean.
public enum FindingDetail: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case flag(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .flag(let flag): try container.encode(flag)
        }
    }

    public var description: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "yes" : "no"
        }
    }
}
