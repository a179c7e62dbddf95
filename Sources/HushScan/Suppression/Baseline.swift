import Foundation

/// Why a baseline file could not be used.
package enum BaselineError: Error, LocalizedError, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    case notAReport(path: String, reason: String)

    package var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read baseline: \(reason)"
        case .notAReport(let path, let reason):
            "\(path): not a hush JSON report (write one with `hush scan --format json --output FILE`): \(reason)"
        }
    }
}

/// The fingerprints of findings already known and accepted: a previous `--format json` report.
package struct Baseline: Sendable, Hashable {
    package var fingerprints: Set<String>

    package init(fingerprints: Set<String> = []) {
        self.fingerprints = fingerprints
    }

    /// Reads the fingerprints of a JSON report written by `hush scan --format json`.
    package init(contentsOf path: String) throws(BaselineError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: ErrorText.file(error, path: path))
        }
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: data) } catch {
            throw .notAReport(path: path, reason: ErrorText.decoding(error))
        }
        guard document.version == ReportDocument.currentVersion else {
            throw .notAReport(path: path, reason: "report version \(document.version) is not \(ReportDocument.currentVersion)")
        }
        // What the report had hidden (by an older baseline, an allow comment) stays in the baseline too.
        fingerprints = Set((document.findings + (document.suppressed ?? [])).map(\.fingerprint))
    }

    /// The part of a JSON report (see docs/json-schema.md) a baseline needs; the rest may vary.
    private struct Document: Decodable {
        struct Entry: Decodable { var fingerprint: String }
        var version: Int
        var findings: [Entry]
        var suppressed: [Entry]?
    }
}
