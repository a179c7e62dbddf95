import Foundation

/// The report for people: findings grouped by file, each with its redacted line, then errors,
/// then a summary of what was scanned, skipped and suppressed.
///
/// ```
/// app/settings.py
///   12:11  github-pat  GitHub personal access token  ghp_…  [high, valid]
///          TOKEN = "ghp_…"
/// ```
struct TextReport {
    let settings: ReportSettings

    private var style: TerminalStyle { TerminalStyle(enabled: settings.color) }

    func render(_ result: ScanResult) -> String {
        var out = ""
        var currentGroup: String?
        var currentImage: String?
        // The same secret (rule and value) in many places is one entry, at its first place, with the
        // others counted (and, with --verbose, all listed) under it.
        let ids = result.findings.map(\.secretID)  // a SHA-256 each: computed once
        var places: [String: [Finding]] = [:]
        for (finding, id) in zip(result.findings, ids) { places[id, default: []].append(finding) }
        var shown = Set<String>()
        for (finding, id) in zip(result.findings, ids) {
            guard shown.insert(id).inserted else { continue }
            let group = groupTitle(finding.origin)
            if group != currentGroup {
                if currentGroup != nil { out += "\n" }
                // Image findings come grouped by image, then by layer and path inside it.
                let image = finding.origin.provenance.image
                if let image, image != currentImage { out += style.bold("image " + Self.printable(image)) + "\n" }
                currentImage = image
                out += style.bold(style.magenta(Self.printable(group))) + "\n"
                currentGroup = group
            }
            out += findingLines(finding, commits: result.commits)
            out += repeatLines(places[id]?.dropFirst() ?? [], indent: finding)
        }
        if !result.findings.isEmpty { out += "\n" }
        if settings.verbose && !result.skipped.isEmpty {
            out += style.bold("Skipped:") + "\n"
            for skipped in result.skipped {
                out += "  \(Self.printable(skipped.path))  \(style.dim(skipped.reason.phrase))\n"
            }
            out += "\n"
        }
        if settings.verbose && !result.readAsText.isEmpty {
            out += style.bold("Read as text only:") + "\n"
            for file in result.readAsText {
                out += "  \(Self.printable(file.path))  \(style.dim(Self.printable(file.reason)))\n"
            }
            out += "\n"
        }
        if !result.errors.isEmpty {
            out += style.bold(style.red("Could not read:")) + "\n"
            for error in result.errors {
                out += "  \(Self.printable(error.path)): \(error.reason)\n"
            }
            out += "\n"
        }
        out += summary(result, distinctSecrets: places.count)
        return out
    }

    private func groupTitle(_ origin: Origin) -> String {
        switch origin.provenance {
        case .imageLayerEntry(_, let index, let digest, let path, let fate):
            let where_ = "layer \(index) (\(ImageLayout.shortDigest(digest))) \(path)"
            return fate.map { "\(where_)  (\($0.phrase); recoverable from layer \(index))" } ?? where_
        case .imageConfigField(_, let field):
            return "config:\(field)"
        default:
            break
        }
        var context: [String] = []
        if let layer = origin.layer { context.append("layer \(layer)") }
        return context.isEmpty ? origin.path : "\(origin.path)  (\(context.joined(separator: ", ")))"
    }

    private func findingLines(_ finding: Finding, commits: [String: GitCommit]) -> String {
        let position = "\(finding.start.line):\(finding.start.column)"
        var facts = [finding.confidence.rawValue, finding.validation.rawValue]
        if finding.kind == .hygiene { facts = ["hygiene", finding.confidence.rawValue] }
        if !finding.origin.decodedBy.isEmpty { facts.append("decoded: " + finding.origin.decodedBy.joined(separator: " > ")) }
        if let documentPath = finding.origin.documentPath { facts.append("at " + documentPath) }
        let secret = Self.printable(settings.shownSecret(of: finding))
        var line = "  " + style.green(position) + "  " + style.yellow(finding.ruleID) + "  " + finding.ruleName
        line += "  " + style.red(secret) + "  " + style.dim("[\(facts.joined(separator: ", "))]") + "\n"
        let indent = String(repeating: " ", count: 4 + position.count)
        var text = line + indent + snippetText(finding.snippet) + "\n"
        // A paired credential: each half on its own line, redacted like the secret.
        for part in finding.parts {
            text += indent + style.dim("part ") + style.green("\(part.start.line):\(part.start.column)") + "  "
                + style.yellow(part.ruleID) + "  " + style.red(Self.printable(settings.redaction.apply(part.secret))) + "\n"
        }
        if let sha = finding.origin.commit {
            var history = "history: "
            if let commit = commits[sha] {
                history += "introduced in \(sha.prefix(10)) \(commit.date.prefix(10)) by \(commit.author) (\(commit.message.prefix(60)))"
            } else {
                history += sha.isEmpty ? "commit not found" : "introduced in \(sha.prefix(10))"
            }
            if let present = finding.presentAtHead { history += present ? ", still at HEAD" : ", only in history" }
            text += indent + style.dim(Self.printable(history)) + "\n"
        }
        if finding.locations.count > 1 {
            let others = finding.locations.dropFirst()
            let shown = others.prefix(3).map { place in
                let sha = place.origin.commit.map { $0.isEmpty ? "" : " @" + $0.prefix(10) } ?? ""
                return Self.printable(place.origin.path + sha)
            }.joined(separator: ", ")
            let more = others.count > 3 ? ", …" : ""
            text += indent + style.dim("same content in \(Self.count(others.count, "more place")): \(shown)\(more)") + "\n"
        }
        if !finding.details.isEmpty {
            let facts = finding.details.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")): \($0.value)" }
            text += indent + style.dim(Self.printable(facts.joined(separator: ", "))) + "\n"
        }
        return text
    }

    /// "the same secret in N more places: …" under the entry, the first three or (verbose) all of them.
    private func repeatLines(_ others: ArraySlice<Finding>, indent finding: Finding) -> String {
        guard !others.isEmpty else { return "" }
        let indent = String(repeating: " ", count: 4 + "\(finding.start.line):\(finding.start.column)".count)
        let listed = settings.verbose ? Array(others) : Array(others.prefix(3))
        let names = listed.map { Self.printable("\($0.origin.path):\($0.start.line)") }
        var text = indent + style.dim("the same secret in \(Self.count(others.count, "more place"))")
        if settings.verbose {
            text += style.dim(":") + "\n" + names.map { indent + "  " + style.dim($0) + "\n" }.joined()
        } else {
            text += style.dim(": " + names.joined(separator: ", ") + (others.count > 3 ? ", … (--verbose lists them)" : "")) + "\n"
        }
        return text
    }

    private func snippetText(_ snippet: Snippet) -> String {
        var text = snippet.clippedStart ? "…" : ""
        for (index, part) in snippet.parts.enumerated() {
            switch part {
            case .text(let plain):
                text += index == 0 && !snippet.clippedStart ? String(plain.drop { $0 == " " }) : plain
            case .secret(let secret):
                text += style.red(Self.printable(settings.redaction.apply(secret)))
            }
        }
        return text + (snippet.clippedEnd ? "…" : "")
    }

    private func summary(_ result: ScanResult, distinctSecrets secrets: Int) -> String {
        let files = Set(result.findings.flatMap { $0.locations.isEmpty ? [$0.origin.path] : $0.locations.map(\.origin.path) }).count
        var lines: [String] = []
        let findings = result.findings.count
        let distinct = secrets < findings ? " (\(Self.count(secrets, "distinct secret")))" : ""
        lines.append(findings == 0
            ? style.bold(style.green("No findings."))
            : style.bold(style.red("\(Self.count(findings, "finding"))\(distinct) in \(Self.count(files, "file")).")))
        let megabytes = Double(result.bytesScanned) / 1_000_000
        let rate = result.seconds > 0 ? megabytes / result.seconds : 0
        lines.append("Scanned \(Self.count(result.filesScanned, "file")), \(Self.size(result.bytesScanned)) in "
            + String(format: "%.2f s (%.1f MB/s).", result.seconds, rate)
            + (result.duplicates > 0 ? " \(result.duplicates) had content scanned already." : ""))
        let skipCounts = result.skipCounts.sorted { $0.key < $1.key }
        if !skipCounts.isEmpty {
            let parts = skipCounts.map { "\($0.value) \($0.key.phrase)" }.joined(separator: ", ")
            lines.append("Skipped \(result.skipped.count): \(parts)\(settings.verbose ? "." : " (--verbose lists them).")")
        }
        let suppressed = result.suppressed
        if suppressed.total > 0 {
            var parts: [String] = []
            if suppressed.inlineAllow > 0 { parts.append("\(suppressed.inlineAllow) by hush:allow comments") }
            if suppressed.baseline > 0 { parts.append("\(suppressed.baseline) by the baseline") }
            if suppressed.filtered > 0 { parts.append("\(suppressed.filtered) by --min-confidence/--only-valid/--kind") }
            if suppressed.allowlist > 0 { parts.append("\(suppressed.allowlist) by the configuration's allow list") }
            if suppressed.ignored > 0 { parts.append("\(suppressed.ignored) by the configuration's ignore list") }
            if suppressed.excluded > 0 { parts.append("\(suppressed.excluded) by the settings of repositories inside the scan") }
            lines.append("Suppressed \(suppressed.total): \(parts.joined(separator: ", ")).")
        }
        if !result.limitHits.isEmpty {
            let total = result.limitHits.values.reduce(0, +)
            if settings.verbose {
                let rules = result.limitHits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                lines.append(style.yellow("PCRE2 stopped \(Self.count(total, "search")) on its match or depth limit, where a secret may hide: \(rules)."))
            } else {
                lines.append(style.yellow("PCRE2 stopped \(Self.count(total, "search")) on its match or depth limit (--verbose names the rules)."))
            }
        }
        if !result.errors.isEmpty {
            lines.append(style.red("\(Self.count(result.errors.count, "error")): paths that could not be read (listed above)."))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<1000: count(bytes, "byte")
        case ..<1_000_000: String(format: "%.1f KB", Double(bytes) / 1000)
        case ..<1_000_000_000: String(format: "%.1f MB", Double(bytes) / 1_000_000)
        default: String(format: "%.2f GB", Double(bytes) / 1_000_000_000)
        }
    }

    /// Paths and secrets come from the scanned data: control characters must not reach the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : $0
        }))
    }
}
