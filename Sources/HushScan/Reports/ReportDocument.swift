/// The JSON report, version 1: the schema documented in docs/json-schema.md, as Swift types.
/// Programs reading hush's JSON in Swift can decode it with these.
public struct ReportDocument: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public struct Tool: Codable, Sendable, Hashable {
        public var name: String
        public var version: String
    }

    public struct FindingRecord: Codable, Sendable, Hashable {
        public var rule: String
        public var ruleName: String
        public var path: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var secret: String
        public var fingerprint: String
        /// Shared by every finding of the same rule and secret: the same secret in many places.
        public var secretID: String?
        public var confidence: Rule.Confidence
        public var entropy: Double
        public var validation: Validation
        public var commit: String?
        public var layer: String?
        public var decodedBy: [String]?
        /// `hygiene` for a practice that leaks a secret (its `secret` names the subject, shown as is);
        /// absent for a secret.
        public var kind: Rule.Kind?
        /// Where in a structured document (a manifest, a Dockerfile) the finding sits.
        public var documentPath: String?
        /// Both halves of a paired credential, identifying half first; absent for a single secret.
        public var parts: [PartRecord]?
        /// Facts read offline from the secret (`FindingDetails` keys); absent when there are none.
        public var details: [String: FindingDetail]?
        /// The git repository, for a finding in history.
        public var repository: String?
        /// The image as the user named it, for image layers and config fields.
        public var image: String?
        /// The layer's index in the image, 0 the base.
        public var layerIndex: Int?
        /// The image config field (`Env[2]`), for a config finding.
        public var configField: String?
        /// The file's path inside the image (inside its archives, joined with `!`), for a layer finding.
        public var innerPath: String?
        /// The later layer that hides the file from the image's final filesystem, when one does.
        public var deletedInLayer: Int?
        /// How it hides it: `whiteout`, `opaque-directory`, `overwritten`, `parent-replaced`.
        public var deletedBy: String?
        /// Every place the same content was found, this one first; absent when there is only this one.
        public var locations: [LocationRecord]?
        /// For a history finding: the introducing commit's author, email, author date and subject.
        public var author: String?
        public var email: String?
        public var date: String?
        public var message: String?
        /// For a history finding: whether HEAD or the working tree still holds the secret.
        public var presentAtHead: Bool?
        /// In `suppressed`: what hid it (`inline_allow`, `filtered`, `baseline`, `allowlist`, `ignored`).
        public var suppressedBy: String?

        enum CodingKeys: String, CodingKey {
            case rule, path, line, column, secret, fingerprint, confidence, entropy, validation, commit, layer, parts, details
            case repository, image, locations, author, email, date, message, kind
            case documentPath = "document_path"
            case configField = "config_field"
            case innerPath = "inner_path"
            case deletedInLayer = "deleted_in_layer"
            case deletedBy = "deleted_by"
            case presentAtHead = "present_at_head"
            case suppressedBy = "suppressed_by"
            case secretID = "secret_id"
            case layerIndex = "layer_index"
            case ruleName = "rule_name"
            case endLine = "end_line"
            case endColumn = "end_column"
            case decodedBy = "decoded_by"
        }
    }

    /// One place of a finding found at several: the same keys a finding uses for its place.
    public struct LocationRecord: Codable, Sendable, Hashable {
        public var path: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var fingerprint: String
        public var commit: String?
        public var layer: String?
        public var decodedBy: [String]?
        public var repository: String?
        public var image: String?
        public var layerIndex: Int?
        public var configField: String?
        public var innerPath: String?
        public var deletedInLayer: Int?
        public var deletedBy: String?

        enum CodingKeys: String, CodingKey {
            case path, line, column, fingerprint, commit, layer, repository, image
            case configField = "config_field"
            case innerPath = "inner_path"
            case deletedInLayer = "deleted_in_layer"
            case deletedBy = "deleted_by"
            case endLine = "end_line"
            case endColumn = "end_column"
            case decodedBy = "decoded_by"
            case layerIndex = "layer_index"
        }
    }

    /// One half of a paired credential.
    public struct PartRecord: Codable, Sendable, Hashable {
        public var rule: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var secret: String

        enum CodingKeys: String, CodingKey {
            case rule, line, column, secret
            case endLine = "end_line"
            case endColumn = "end_column"
        }
    }

    public struct Suppressed: Codable, Sendable, Hashable {
        public var inlineAllow: Int
        public var baseline: Int
        public var filtered: Int
        /// By the configuration's allow values and stopwords (absent in reports before it existed).
        public var allowlist: Int?
        /// By the configuration's ignore list.
        public var ignored: Int?
        /// By the settings of a repository inside the scanned folder.
        public var excluded: Int?

        enum CodingKeys: String, CodingKey {
            case baseline, filtered, allowlist, ignored, excluded
            case inlineAllow = "inline_allow"
        }
    }

    public struct Stats: Codable, Sendable, Hashable {
        public var files: Int
        public var bytes: Int
        /// Count per `SkipReason` raw value; every reason is present.
        public var skipped: [String: Int]
        public var suppressed: Suppressed
        public var errors: Int
        public var seconds: Double
        public var findings: Int
        /// Places whose content was already scanned in this run (absent in reports before it was counted).
        public var duplicates: Int?
        /// By rule id: PCRE2 searches that stopped on a resource limit; absent when there were none.
        public var limitHits: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case files, bytes, skipped, suppressed, errors, seconds, findings, duplicates
            case limitHits = "pcre2_limit_hits"
        }
    }

    public var version: Int
    public var tool: Tool
    /// Whether `secret` fields hold redacted text (the default) rather than the secrets.
    public var secretsRedacted: Bool
    public var findings: [FindingRecord]
    /// The findings suppression hid, each with `suppressed_by`, for an audit (absent in reports
    /// written before it existed).
    public var suppressed: [FindingRecord]?
    public var errors: [PathError]
    public var stats: Stats

    enum CodingKeys: String, CodingKey {
        case version, tool, findings, errors, stats, suppressed
        case secretsRedacted = "secrets_redacted"
    }
}
