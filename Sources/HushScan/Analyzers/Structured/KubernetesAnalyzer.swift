import Foundation
import Yams

/// Kubernetes manifests (YAML or JSON with `apiVersion` and `kind`, multi-document, `List`s) and
/// kubeconfigs, read as objects: a Secret's `data` decoded and judged under its key, env literals in
/// every pod template, `last-applied-configuration` annotations read as the objects they hold, and
/// hygiene findings for Secrets committed with real values and secrets passed as env literals.
/// SealedSecrets, ExternalSecrets and SOPS-encrypted documents are the right practice: their
/// ciphertext is marked encrypted, so nothing in it is reported.
package struct KubernetesAnalyzer: Analyzer {
    package init() {}

    private static let apiVersion = Array("apiVersion".utf8)
    private static let kind = Array("kind".utf8)
    private static let template = Array("{{".utf8)

    package func accepts(_ blob: AnalyzedBlob, bytes: UnsafeRawBufferPointer) -> Bool {
        let name = blob.fileName.lowercased()
        if name == "kustomization.yaml" || name == "kustomization.yml" || name == "kustomization" { return true }
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") || name == "config"
            || name.hasSuffix("kubeconfig")
        else { return false }
        return ByteSearch.firstOffset(of: Self.apiVersion, in: bytes) != nil
            && ByteSearch.firstOffset(of: Self.kind, in: bytes) != nil
    }

    package func analyze(_ bytes: UnsafeRawBufferPointer, blob: AnalyzedBlob, budget: inout DecodeBudget) -> Analysis {
        if ByteSearch.firstOffset(of: Self.template, in: bytes) != nil {
            return Analysis(fallback: "a template ({{ … }}): read as text only")
        }
        let documents: YAMLDocuments
        do { documents = try YAMLDocuments(text: Array(bytes)) } catch {
            return Analysis(fallback: error.reason + ": read as text only")
        }
        var reader = ManifestReader(documents: documents, budget: budget)
        for document in documents.documents { reader.object(document, path: "") }
        budget = reader.budget
        if reader.walkStopped {
            reader.analysis.fallback = "more than \(ManifestReader.maximumVisits) nodes (aliases?): structure read in part"
        }
        return reader.analysis
    }
}

/// One pass over the objects of a manifest file.
private struct ManifestReader {
    let documents: YAMLDocuments
    var budget: DecodeBudget
    var analysis = Analysis()
    /// Nodes visited: aliases can make a small file a huge tree, so the walk stops here.
    private var visits = 0
    static let maximumVisits = 200_000
    var walkStopped: Bool { visits >= Self.maximumVisits }

    init(documents: YAMLDocuments, budget: DecodeBudget) {
        self.documents = documents
        self.budget = budget
    }

    private static let workloadKinds: Set<String> = [
        "Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "ReplicationController",
        "PodTemplate", "Rollout", "Service", "Workflow", "CronWorkflow", "WorkflowTemplate",
    ]
    /// Kinds whose values are ciphertext or references to a secret store, never secrets.
    private static let encryptedKinds: Set<String> = ["SealedSecret", "ExternalSecret", "ClusterExternalSecret", "SecretStore"]

    mutating func object(_ node: Node, path: String) {
        if let generators = node.value("secretGenerator") { secretGenerators(generators) }
        guard node.mapping != nil, let kind = node.value("kind")?.text else { return }
        if Self.encryptedKinds.contains(kind) {
            markEncrypted(node, onlySOPS: false)
            return
        }
        if node.value("sops") != nil {
            // SOPS encrypts the values its encrypted_regex picks: the others are plaintext, read as usual.
            markEncrypted(node, onlySOPS: true)
        }
        annotations(node, path: path)
        switch kind {
        case "List":
            for (i, item) in (node.value("items")?.items ?? []).enumerated() {
                visits += 1
                guard visits < Self.maximumVisits else { break }
                object(item, path: path + "items[\(i)].")
            }
        case "Secret": secret(node, path: path)
        case "Config": kubeconfig(node, path: path)
        default: podTemplates(node, path: String(path.dropLast(path.hasSuffix(".") ? 1 : 0)), depth: 0)
        }
    }

    // MARK: Secrets

    private mutating func secret(_ node: Node, path: String) {
        var literalKeys: [String] = []
        for (_, keyText, value) in node.value("data")?.pairs ?? [] {
            visits += 1
            guard visits < Self.maximumVisits else { break }
            guard let encoded = value.text, let range = documents.range(of: value) else { continue }
            let compact = Array(encoded.utf8.filter { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 })
            guard !compact.isEmpty, let decoded = LenientBase64.decode(compact), budget.spend(decoded.count) else { continue }
            let documentPath = path + "data." + keyText
            analysis.derived.append(DerivedBlob(rootRange: range, transforms: [.base64], bytes: decoded, documentPath: documentPath))
            guard let text = String(validating: decoded, as: UTF8.self) else {
                literalKeys.append(keyText)  // binary: a keystore, a DER key
                continue
            }
            if StructuredValue.isLiteral(text) { literalKeys.append(keyText) }
            judgeSecretValue(text, key: keyText, range: range, transforms: [.base64], documentPath: documentPath)
        }
        for (_, keyText, value) in node.value("stringData")?.pairs ?? [] {
            visits += 1
            guard visits < Self.maximumVisits else { break }
            guard let text = value.text, let range = documents.range(of: value) else { continue }
            if StructuredValue.isLiteral(text) { literalKeys.append(keyText) }
            judgeSecretValue(text, key: keyText, range: range, transforms: [], documentPath: path + "stringData." + keyText)
        }
        guard !literalKeys.isEmpty else { return }
        let nameNode = node.value("metadata")?.value("name")
        let name = nameNode?.text ?? "(unnamed)"
        guard let range = (nameNode ?? node.value("kind")).flatMap(documents.range(of:)) else { return }
        analysis.matches.append(AnalyzerMatch(
            ruleID: AnalyzerRules.secretManifest, range: range,
            subject: "Secret \(name): \(literalKeys.joined(separator: ", "))", documentPath: path + "metadata.name"))
    }

    /// A Secret value judged under its key: a key naming a secret reports what judgement makes of
    /// the value; any other key (`username`, `host`, `ca.crt` aside) reports only random-looking
    /// values, which in a Secret are credentials whatever their key says.
    private mutating func judgeSecretValue(
        _ text: String, key: String, range: Range<Int>, transforms: [Transform], documentPath: String
    ) {
        guard !text.contains("\n"), !key.hasPrefix(".docker") else { return }  // files: the engine reads them
        if let (ruleID, confidence) = StructuredValue.judge(text, key: key, inSecret: true) {
            analysis.matches.append(AnalyzerMatch(
                ruleID: ruleID, range: range, secret: text, confidence: confidence, transforms: transforms,
                documentPath: documentPath))
            return
        }
        guard StructuredValue.keyKind(key, inSecret: true) == nil, !Self.plainKeys.contains(key.lowercased()),
            !StructuredValue.isReference(text),
            case .secret(let confidence) = SecretValueJudgement.judge(text)
        else { return }
        analysis.matches.append(AnalyzerMatch(
            ruleID: AnalyzerRules.secretData, range: range, secret: text, confidence: confidence, transforms: transforms,
            documentPath: documentPath))
    }

    /// kustomize's `secretGenerator` entries: each `literals` item `key=value` is a Secret value,
    /// and an entry with real literals is a Secret committed like a manifest. (`envs` and `files`
    /// name files, which the scan reads on their own.)
    private mutating func secretGenerators(_ node: Node) {
        for (i, generator) in node.items.enumerated() {
            var literalKeys: [String] = []
            for (j, item) in (generator.value("literals")?.items ?? []).enumerated() {
                guard let (key, value, valueRange) = StructuredValue.assignment(item, in: documents) else { continue }
                if StructuredValue.isLiteral(value) { literalKeys.append(key) }
                judgeSecretValue(value, key: key, range: valueRange, transforms: [], documentPath: "secretGenerator[\(i)].literals[\(j)]")
            }
            guard !literalKeys.isEmpty, let nameNode = generator.value("name"), let range = documents.range(of: nameNode) else { continue }
            analysis.matches.append(AnalyzerMatch(
                ruleID: AnalyzerRules.secretManifest, range: range,
                subject: "secretGenerator \(nameNode.text ?? ""): \(literalKeys.joined(separator: ", "))",
                documentPath: "secretGenerator[\(i)].name"))
        }
    }

    /// Secret keys whose values are identifiers or certificates, not credentials.
    private static let plainKeys: Set<String> = [
        "username", "user", "host", "hostname", "port", "database", "db", "namespace", "region", "url", "endpoint",
        "ca.crt", "tls.crt", "ca", "cert", "certificate", "email", "name", "type", "project", "cluster", "server",
        "token-id", "usage-bootstrap-authentication", "usage-bootstrap-signing", "auth-extra-groups", "expiration",
        "accountname", "account", "tenant", "tenantid", "clientid", "client-id", "client_id", "subscriptionid",
    ]

    // MARK: Workloads

    /// Every `containers`, `initContainers` and `ephemeralContainers` list in the object, however
    /// deep (Deployments, CronJobs, Argo Rollouts, Knative Services, operators' custom kinds).
    private mutating func podTemplates(_ node: Node, path: String, depth: Int) {
        visits += 1
        guard visits < Self.maximumVisits, depth < 40 else { return }
        for (_, key, value) in node.pairs {
            let here = path.isEmpty ? key : path + "." + key
            if key == "containers" || key == "initContainers" || key == "ephemeralContainers" {
                for (i, container) in value.items.enumerated() {
                    visits += 1
                    guard visits < Self.maximumVisits else { return }
                    self.container(container, path: here + "[\(i)]")
                }
            } else if value.mapping != nil {
                podTemplates(value, path: here, depth: depth + 1)
            } else if value.sequence != nil {
                for (i, item) in value.items.enumerated() where item.mapping != nil {
                    podTemplates(item, path: here + "[\(i)]", depth: depth + 1)
                }
            }
        }
    }

    private mutating func container(_ node: Node, path: String) {
        for (i, variable) in (node.value("env")?.items ?? []).enumerated() {
            visits += 1
            guard visits < Self.maximumVisits else { return }
            guard let nameNode = variable.value("name"), let name = nameNode.text,
                let valueNode = variable.value("value"), let value = valueNode.text,
                let valueRange = documents.range(of: valueNode), let nameRange = documents.range(of: nameNode)
            else { continue }
            let here = path + ".env[\(i)]"
            if let (ruleID, confidence) = StructuredValue.judge(value, key: name) {
                analysis.matches.append(AnalyzerMatch(
                    ruleID: ruleID, range: valueRange, secret: value, confidence: confidence, documentPath: here + ".value"))
            } else if !URLCredentials.hasPassword(value) {
                continue
            }
            analysis.matches.append(AnalyzerMatch(
                ruleID: AnalyzerRules.envLiteral, range: nameRange, subject: name, documentPath: here))
        }
    }

    // MARK: Annotations and kubeconfig

    /// `kubectl.kubernetes.io/last-applied-configuration` holds the whole object as JSON, Secret
    /// data included: scanned as text and read as an object of its own.
    private mutating func annotations(_ node: Node, path: String) {
        let key = "kubectl.kubernetes.io/last-applied-configuration"
        guard let value = node.value("metadata")?.value("annotations")?.value(key),
            let json = value.text?.trimmingCharacters(in: .whitespacesAndNewlines), let range = documents.range(of: value)
        else { return }
        let bytes = Array(json.utf8)
        guard budget.spend(bytes.count) else { return }
        let here = path + "metadata.annotations." + key
        analysis.derived.append(DerivedBlob(rootRange: range, transforms: [.annotationJSON], bytes: bytes, documentPath: here))
        // Offsets inside the JSON map onto the file when it is written there verbatim on one line.
        let verbatim = range.count == bytes.count && !json.contains("\n")
        let base = range.lowerBound
        guard let inner = try? YAMLDocuments(text: bytes, place: { verbatim ? ($0.lowerBound + base)..<($0.upperBound + base) : range })
        else { return }
        var reader = ManifestReader(documents: inner, budget: budget)
        reader.visits = visits
        for document in inner.documents { reader.object(document, path: "") }
        budget = reader.budget
        visits = reader.visits
        for var match in reader.analysis.matches {
            match.documentPath = here + " → " + (match.documentPath ?? "")
            if !verbatim { match.transforms = [.annotationJSON] + match.transforms }
            analysis.matches.append(match)
        }
        analysis.encrypted += reader.analysis.encrypted
    }

    /// A kubeconfig's users: tokens, passwords and auth-provider or exec secrets under their keys.
    private mutating func kubeconfig(_ node: Node, path: String) {
        for (i, user) in (node.value("users")?.items ?? []).enumerated() {
            guard let fields = user.value("user") else { continue }
            credentialFields(fields, path: path + "users[\(i)].user", depth: 0)
        }
    }

    private mutating func credentialFields(_ node: Node, path: String, depth: Int) {
        visits += 1
        guard visits < Self.maximumVisits, depth < 8 else { return }
        for (_, key, value) in node.pairs {
            let here = path + "." + key
            if let text = value.text, let range = documents.range(of: value),
                !key.hasSuffix("-data"),  // base64 of a PEM key or certificate: the decoder and the key rules read it
                let (ruleID, confidence) = StructuredValue.judge(text, key: key) {
                analysis.matches.append(AnalyzerMatch(
                    ruleID: ruleID, range: range, secret: text, confidence: confidence, documentPath: here))
            } else if value.mapping != nil {
                credentialFields(value, path: here, depth: depth + 1)
            } else if key == "env" {
                for (j, variable) in value.items.enumerated() {
                    guard let name = variable.value("name")?.text, let valueNode = variable.value("value"),
                        let text = valueNode.text, let range = documents.range(of: valueNode),
                        let (ruleID, confidence) = StructuredValue.judge(text, key: name)
                    else { continue }
                    analysis.matches.append(AnalyzerMatch(
                        ruleID: ruleID, range: range, secret: text, confidence: confidence, documentPath: here + "[\(j)].value"))
                }
            }
        }
    }

    // MARK: Encrypted documents

    /// Every scalar of an encrypted or externally sourced object is ciphertext or a reference; in a
    /// SOPS document (`onlySOPS`), the `ENC[…]` values are.
    private mutating func markEncrypted(_ node: Node, onlySOPS: Bool) {
        visits += 1
        guard visits < Self.maximumVisits else { return }
        if let scalar = node.scalar {
            guard !onlySOPS || scalar.string.hasPrefix("ENC[") else { return }
            if let range = documents.exactRange(of: node), range.count >= 16 { analysis.encrypted.append(range) }
            return
        }
        for (_, _, value) in node.pairs { markEncrypted(value, onlySOPS: onlySOPS) }
        for item in node.items { markEncrypted(item, onlySOPS: onlySOPS) }
    }
}

/// `scheme://user:password@host` with a password that is not a stand-in.
enum URLCredentials {
    static func hasPassword(_ value: String) -> Bool {
        guard let scheme = value.range(of: "://") else { return false }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        let userInfo = rest[..<at]
        guard !userInfo.contains("/"), let colon = userInfo.firstIndex(of: ":") else { return false }
        let password = String(userInfo[userInfo.index(after: colon)...])
        return password.count >= 3 && StructuredValue.isLiteral(password)
    }
}
