import Foundation
import Yams

/// docker-compose files (`docker-compose*.yml`, `compose*.yaml`), read as services: `environment`
/// and `build.args` in map and list forms judged under their names with the path in the document,
/// and commands written as lists (`healthcheck.test`, `command`, `entrypoint`) joined into the
/// command line the engine's command rules read (`curl -u user:password`).
package struct ComposeAnalyzer: Analyzer {
    package init() {}

    package func accepts(_ blob: AnalyzedBlob, bytes: UnsafeRawBufferPointer) -> Bool {
        let name = blob.fileName.lowercased()
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        return name.hasPrefix("docker-compose") || name.hasPrefix("compose.") || name.hasPrefix("compose-")
            || name.hasPrefix("podman-compose")
    }

    package func analyze(_ bytes: UnsafeRawBufferPointer, blob: AnalyzedBlob, budget: inout DecodeBudget) -> Analysis {
        let documents: YAMLDocuments
        do { documents = try YAMLDocuments(text: Array(bytes)) } catch {
            return Analysis(fallback: error.reason + ": read as text only")
        }
        var analysis = Analysis()
        // Aliases can repeat one big mapping under every service: the walk stops at a node budget.
        var visits = 0
        let maximumVisits = 200_000
        for document in documents.documents {
            for (_, name, service) in document.value("services")?.pairs ?? [] {
                visits += 1 + (service.value("environment")?.pairs.count ?? 0) + (service.value("environment")?.items.count ?? 0)
                guard visits < maximumVisits else {
                    analysis.fallback = "more than \(maximumVisits) nodes (aliases?): structure read in part"
                    return analysis
                }
                let path = "services.\(name)"
                variables(service.value("environment"), path: path + ".environment", in: documents, into: &analysis)
                variables(service.value("build")?.value("args"), path: path + ".build.args", in: documents, into: &analysis)
                for field in ["command", "entrypoint"] {
                    commandLine(service.value(field), path: path + "." + field, in: documents, into: &analysis, budget: &budget)
                }
                commandLine(service.value("healthcheck")?.value("test"), path: path + ".healthcheck.test", in: documents,
                            into: &analysis, budget: &budget)
            }
        }
        return analysis
    }

    /// `KEY: value` maps and `- KEY=value` lists.
    private func variables(_ node: Node?, path: String, in documents: YAMLDocuments, into analysis: inout Analysis) {
        guard let node else { return }
        for (_, key, value) in node.pairs {
            guard let text = value.text, let range = documents.range(of: value),
                let (ruleID, confidence) = StructuredValue.judge(text, key: key)
            else { continue }
            analysis.matches.append(AnalyzerMatch(
                ruleID: ruleID, range: range, secret: text, confidence: confidence, documentPath: path + "." + key))
        }
        for item in node.items {
            guard let (key, value, valueRange) = StructuredValue.assignment(item, in: documents),
                let (ruleID, confidence) = StructuredValue.judge(value, key: key)
            else { continue }
            analysis.matches.append(AnalyzerMatch(
                ruleID: ruleID, range: valueRange, secret: value, confidence: confidence, documentPath: path + "." + key))
        }
    }

    /// A command written as a list (`["CMD", "curl", "-u", "user:pass", …]`) read as the line it runs.
    private func commandLine(
        _ node: Node?, path: String, in documents: YAMLDocuments, into analysis: inout Analysis, budget: inout DecodeBudget
    ) {
        guard let node, node.sequence != nil, let range = documents.range(of: node) else { return }
        let words = node.items.compactMap(\.text)
        guard words.count > 1 else { return }
        let line = Array(words.drop { $0 == "CMD" || $0 == "CMD-SHELL" }.joined(separator: " ").utf8)
        guard budget.spend(line.count) else { return }
        analysis.derived.append(DerivedBlob(rootRange: range, transforms: [], bytes: line, documentPath: path))
    }
}
