import Foundation

/// Writes SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules that have results,
/// one result per finding with a relative URI, a region and a stable partial fingerprint.
/// Columns are Unicode code points (`columnKind`), like every hush report.
struct SARIFReport {
    let settings: ReportSettings

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/hush-secrets/hush"
    static let fingerprintKey = "hush/v1"

    func render(_ result: ScanResult) -> String {
        let ruleIDs = Array(Set(result.findings.map(\.ruleID))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rulesByID = Dictionary(settings.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let findingNames = Dictionary(result.findings.map { ($0.ruleID, $0.ruleName) }, uniquingKeysWith: { first, _ in first })
        let descriptors = ruleIDs.map { id in
            descriptor(id: id, rule: rulesByID[id], fallbackName: findingNames[id] ?? id)
        }
        let notifications = result.errors.map { error in
            SARIF.Notification(
                level: "error", message: SARIF.Message(text: "\(error.path): \(error.reason)"),
                locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                    artifactLocation: SARIF.ArtifactLocation(uri: Self.uri(forPath: error.path)), region: nil))])
        }
        let log = SARIF.Log(
            schema: Self.schemaURI, version: "2.1.0",
            runs: [SARIF.Run(
                tool: SARIF.Tool(driver: SARIF.Driver(
                    name: "hush", version: settings.toolVersion, semanticVersion: settings.toolVersion,
                    informationUri: Self.informationURI, rules: descriptors)),
                invocations: [SARIF.Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)],
                versionControlProvenance: result.repositories.isEmpty ? nil : result.repositories.map {
                    SARIF.VersionControlDetails(repositoryUri: $0.uri, revisionId: $0.head, branch: $0.branch)
                },
                columnKind: "unicodeCodePoints",
                // One result per place: each copy is an alert of its own, to fix and dismiss on its own.
                results: result.findings.flatMap(\.everyPlace).map { finding in
                    sarifResult(finding, ruleIndex: ruleIndex[finding.ruleID] ?? 0, commits: result.commits)
                })])
        return JSONReport.encode(log)
    }

    private func descriptor(id: String, rule: Rule?, fallbackName: String) -> SARIF.ReportingDescriptor {
        let name = rule?.name ?? fallbackName
        let description = rule.map { $0.description.isEmpty ? $0.name : $0.description } ?? name
        let help = """
            \(description) Revoke or rotate the credential at its provider first (it may already be \
            copied), then remove it from the code and its history, and load it from a secret store at \
            run time. If it is a test value, mark the line with a `hush:allow \(id)` comment.
            """
        return SARIF.ReportingDescriptor(
            id: id, name: Self.pascalCase(id),
            shortDescription: SARIF.Message(text: name),
            fullDescription: SARIF.Message(text: description),
            help: SARIF.Message(text: help),
            defaultConfiguration: SARIF.Configuration(level: Self.level(rule?.confidence ?? .medium)),
            properties: SARIF.RuleProperties(
                tags: rule?.kind == .hygiene ? ["security", "secret", "hygiene"] : ["security", "secret", "credential"], precision: (rule?.confidence ?? .medium).rawValue))
    }

    private func sarifResult(_ finding: Finding, ruleIndex: Int, commits: [String: GitCommit]) -> SARIF.Result {
        let shown = settings.shownSecret(of: finding)
        // In an image the artifact is the image itself; the layer and the path inside it are told.
        let provenance = finding.origin.provenance
        var whereInImage = ""
        switch provenance {
        case .imageLayerEntry(let image, let index, let digest, let path, let fate):
            whereInImage = " in \(image), layer \(index) (\(digest)), at \(path)" + (fate.map { ", \($0.phrase)" } ?? "")
        case .imageConfigField(let image, let field):
            whereInImage = " in \(image), config \(field)"
        default: break
        }
        let artifact = provenance.image.map(ImageLayout.storePath(ofImage:)) ?? finding.origin.path
        return SARIF.Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex, level: Self.level(finding.confidence),
            message: SARIF.Message(text: "\(finding.ruleName) found: \(shown)\(whereInImage) (confidence \(finding.confidence.rawValue), validation \(finding.validation.rawValue))"),
            locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                artifactLocation: SARIF.ArtifactLocation(uri: Self.uri(forPath: artifact)),
                region: SARIF.Region(
                    startLine: finding.start.line, startColumn: finding.start.column,
                    endLine: finding.end.line, endColumn: finding.end.column)))],
            relatedLocations: finding.parts.isEmpty ? nil : finding.parts.enumerated().map { index, part in
                SARIF.Location(
                    id: index,
                    physicalLocation: SARIF.PhysicalLocation(
                        artifactLocation: SARIF.ArtifactLocation(uri: Self.uri(forPath: artifact)),
                        region: SARIF.Region(
                            startLine: part.start.line, startColumn: part.start.column, endLine: part.end.line,
                            endColumn: part.end.column)),
                    message: SARIF.Message(text: "\(part.ruleID): \(settings.redaction.apply(part.secret))"))
            },
            partialFingerprints: [Self.fingerprintKey: finding.fingerprint],
            properties: SARIF.ResultProperties(
                confidence: finding.confidence.rawValue, validation: finding.validation.rawValue,
                entropy: JSONReport.rounded(finding.entropy),
                commit: finding.origin.commit.flatMap { $0.isEmpty ? nil : $0 },
                author: finding.origin.commit.flatMap { commits[$0] }.map { "\($0.author) <\($0.email)>" },
                date: finding.origin.commit.flatMap { commits[$0] }?.date, presentAtHead: finding.presentAtHead,
                layer: finding.origin.layer,
                decodedBy: finding.origin.decodedBy.isEmpty ? nil : finding.origin.decodedBy,
                details: finding.details.isEmpty ? nil : finding.details,
                image: provenance.image, layerIndex: provenance.layerIndex,
                innerPath: provenance.layerIndex == nil ? nil : provenance.displayPath,
                deletedInLayer: provenance.layerFate?.layerIndex, deletedBy: provenance.layerFate?.cause.rawValue,
                configField: { if case .imageConfigField(_, let field) = provenance { return field } else { return nil } }(),
                kind: finding.kind == .hygiene ? "hygiene" : nil, documentPath: finding.origin.documentPath))
    }

    static func level(_ confidence: Rule.Confidence) -> String {
        switch confidence {
        case .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// A URI reference for a reported path: relative paths stay relative (forward slashes, no
    /// leading "./"), absolute ones become `file://` URIs; anything outside RFC 3986's path
    /// characters, and ":" (which would read as a scheme), is percent-encoded.
    static func uri(forPath path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(":")
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? String(relative)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// `github-pat` → `GithubPat`: SARIF rule names are identifiers, the readable name goes in
    /// `shortDescription`.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
