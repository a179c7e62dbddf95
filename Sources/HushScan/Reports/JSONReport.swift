import Foundation

/// Writes the JSON report (docs/json-schema.md): keys sorted, so equal scans give equal bytes.
struct JSONReport {
    let settings: ReportSettings

    func render(_ result: ScanResult) -> String {
        let counts = result.skipCounts
        let document = ReportDocument(
            version: ReportDocument.currentVersion,
            tool: ReportDocument.Tool(name: "hush", version: settings.toolVersion),
            secretsRedacted: settings.redaction == .redacted,
            findings: result.findings.map { record($0, commits: result.commits) },
            suppressed: result.suppressedFindings.map {
                var hidden = record($0.finding, commits: result.commits)
                hidden.suppressedBy = $0.reason
                return hidden
            },
            errors: result.errors,
            stats: ReportDocument.Stats(
                files: result.filesScanned, bytes: result.bytesScanned,
                skipped: Dictionary(uniqueKeysWithValues: SkipReason.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
                suppressed: ReportDocument.Suppressed(
                    inlineAllow: result.suppressed.inlineAllow, baseline: result.suppressed.baseline,
                    filtered: result.suppressed.filtered, allowlist: result.suppressed.allowlist,
                    ignored: result.suppressed.ignored, excluded: result.suppressed.excluded),
                errors: result.errors.count,
                seconds: Self.rounded(result.seconds),
                findings: result.findings.count, duplicates: result.duplicates,
                limitHits: result.limitHits.isEmpty ? nil : result.limitHits))
        return Self.encode(document)
    }

    private func record(_ finding: Finding, commits: [String: GitCommit]) -> ReportDocument.FindingRecord {
        var record = ReportDocument.FindingRecord(
            rule: finding.ruleID, ruleName: finding.ruleName, path: finding.origin.path,
            line: finding.start.line, column: finding.start.column,
            endLine: finding.end.line, endColumn: finding.end.column,
            secret: settings.shownSecret(of: finding), fingerprint: finding.fingerprint,
            confidence: finding.confidence, entropy: Self.rounded(finding.entropy),
            validation: finding.validation, commit: finding.origin.commit.flatMap { $0.isEmpty ? nil : $0 }, layer: finding.origin.layer,
            decodedBy: finding.origin.decodedBy.isEmpty ? nil : finding.origin.decodedBy,
            parts: finding.parts.isEmpty ? nil : finding.parts.map {
                ReportDocument.PartRecord(
                    rule: $0.ruleID, line: $0.start.line, column: $0.start.column, endLine: $0.end.line,
                    endColumn: $0.end.column, secret: settings.redaction.apply($0.secret))
            },
            details: finding.details.isEmpty ? nil : finding.details)
        record.secretID = finding.secretID
        record.kind = finding.kind == .hygiene ? .hygiene : nil
        record.documentPath = finding.origin.documentPath
        let place = PlaceKeys(finding.origin.provenance)
        record.repository = place.repository
        record.image = place.image
        record.layerIndex = place.layerIndex
        record.configField = place.configField
        record.innerPath = place.innerPath
        record.deletedInLayer = place.fate?.layerIndex
        record.deletedBy = place.fate?.cause.rawValue
        if let sha = finding.origin.commit, let commit = commits[sha] {
            record.author = commit.author
            record.email = commit.email
            record.date = commit.date
            record.message = commit.message
        }
        record.presentAtHead = finding.presentAtHead
        if !finding.locations.isEmpty {
            record.locations = finding.locations.map { location in
                let place = PlaceKeys(location.origin.provenance)
                return ReportDocument.LocationRecord(
                    path: location.origin.path, line: location.start.line, column: location.start.column,
                    endLine: location.end.line, endColumn: location.end.column, fingerprint: location.fingerprint,
                    commit: location.origin.commit.flatMap { $0.isEmpty ? nil : $0 }, layer: location.origin.layer,
                    decodedBy: location.origin.decodedBy.isEmpty ? nil : location.origin.decodedBy,
                    repository: place.repository, image: place.image, layerIndex: place.layerIndex, configField: place.configField,
                    innerPath: place.innerPath, deletedInLayer: place.fate?.layerIndex, deletedBy: place.fate?.cause.rawValue)
            }
        }
        return record
    }

    /// The keys a provenance adds beyond `path`, `commit` and `layer` (all nil for a file).
    private struct PlaceKeys {
        var repository: String?
        var image: String?
        var layerIndex: Int?
        var configField: String?
        var innerPath: String?
        var fate: LayerFate?

        init(_ provenance: Provenance) {
            switch provenance {
            case .file, .standardInput: break
            case .gitBlob(let repository, _, _): self.repository = repository
            case .imageLayerEntry(let image, let index, _, let path, let fate):
                self.image = image
                layerIndex = index
                innerPath = path
                self.fate = fate
            case .imageConfigField(let image, let field):
                self.image = image
                configField = field
            }
        }
    }

    /// Three decimals; a non-finite value (an engine's 0/0) becomes 0, which JSON can hold.
    static func rounded(_ value: Double) -> Double {
        value.isFinite ? (value * 1000).rounded() / 1000 : 0
    }

    /// Pretty, sorted, unescaped-slash JSON with a final newline.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            // Only non-finite doubles fail to encode, and `rounded` makes every double finite.
            preconditionFailure("report does not encode as JSON: \(error)")
        }
    }
}
