import Foundation

/// JUnit XML, which every CI system shows as test results: one test case per finding place, failed
/// when its confidence is at or above `--fail-on` and passed (with the finding as output) below it;
/// a clean scan is one passing case, so the report is never empty.
struct JUnitReport {
    let settings: ReportSettings

    func render(_ result: ScanResult) -> String {
        let places = result.findings.flatMap(\.everyPlace)
        let failures = places.filter { $0.confidence >= settings.failOn }.count
        let tests = max(places.count, 1)
        let time = String(format: "%.3f", result.seconds)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"hush\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(result.errors.count)\" time=\"\(time)\">\n"
        out += "  <testsuite name=\"hush scan\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(result.errors.count)\" skipped=\"0\" time=\"\(time)\">\n"
        if places.isEmpty {
            out += "    <testcase classname=\"hush\" name=\"no secrets in \(result.filesScanned) files\" time=\"0\"/>\n"
        }
        for finding in places {
            let name = "\(finding.ruleID) at \(finding.origin.path):\(finding.start.line):\(finding.start.column)"
            var detail = "\(finding.ruleName): \(settings.shownSecret(of: finding))\n"
            detail += "confidence \(finding.confidence.rawValue), validation \(finding.validation.rawValue), fingerprint \(finding.fingerprint)"
            if let path = finding.origin.documentPath { detail += "\nat \(path)" }
            if let commit = finding.origin.commit, !commit.isEmpty { detail += "\ncommit \(commit)" }
            out += "    <testcase classname=\"\(Self.escape(finding.origin.path))\" name=\"\(Self.escape(name))\" file=\"\(Self.escape(finding.origin.path))\" line=\"\(finding.start.line)\" time=\"0\">\n"
            if finding.confidence >= settings.failOn {
                out += "      <failure type=\"\(Self.escape(finding.ruleID))\" message=\"\(Self.escape(finding.ruleName))\">\(Self.escape(detail))</failure>\n"
            } else {
                out += "      <system-out>\(Self.escape(detail))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
