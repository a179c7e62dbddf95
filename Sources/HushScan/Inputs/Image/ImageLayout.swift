import Foundation

/// One image found in a store: its name for reports, its config and its layers, base first.
struct ImageDescription: Sendable, Hashable {
    /// The store's path as the user wrote it, with the tag or digest (and the platform, when the
    /// store holds several): `app.tar (registry.example/app:1.4)`, `oci/ (sha256:1a2b3c4d5e6f, linux/arm64)`.
    var name: String
    var config: BlobReference?
    var layers: [LayerReference]
}

/// A file of the store and the digest it must have, when the manifest says.
struct BlobReference: Sendable, Hashable {
    var name: String
    /// `sha256:…` of the bytes as stored.
    var expectedDigest: String?
}

struct LayerReference: Sendable, Hashable {
    var blob: BlobReference
    /// The digest reports name the layer by: the manifest's (compressed) digest, or the
    /// uncompressed diff id in a legacy `docker save`; computed from the bytes when neither is given.
    var digest: String?
}

/// Reads the manifests of a store: a `docker save` `manifest.json` (legacy `<id>/layer.tar` and
/// Docker 25+ `blobs/sha256/…` alike), else an OCI `index.json`, through nested and multi-platform
/// indexes. Every file it reads is attacker-controlled: a malformed one is a problem in words,
/// never a crash, and the images that can be read still are.
struct ImageLayout {
    let store: ImageStore

    /// Whether the store holds an image at all (as opposed to any other tarball).
    static func isImage(_ store: ImageStore) -> Bool {
        store.contains("manifest.json") || (store.contains("index.json") && store.contains("oci-layout"))
    }

    /// At most this many images per store, and layers per image (Docker stops at 127 layers).
    static let maximumImages = 1000
    static let maximumLayers = 1000

    /// The images, and the problems met reading their manifests; bounded (`maximumImages`,
    /// `maximumLayers`), with a problem saying what was left out.
    func images() -> (images: [ImageDescription], problems: [(String, String)]) {
        var (images, problems) = unboundedImages()
        if images.count > Self.maximumImages {
            problems.append(("manifest.json", "\(images.count) images; only the first \(Self.maximumImages) are read"))
            images = Array(images.prefix(Self.maximumImages))
        }
        for index in images.indices where images[index].layers.count > Self.maximumLayers {
            problems.append((images[index].name, "\(images[index].layers.count) layers; only the first \(Self.maximumLayers) are read"))
            images[index].layers = Array(images[index].layers.prefix(Self.maximumLayers))
        }
        return (images, problems)
    }

    private func unboundedImages() -> (images: [ImageDescription], problems: [(String, String)]) {
        var problems: [(String, String)] = []
        if store.contains("manifest.json") {
            switch dockerImages(&problems) {
            case .some(let images): return (images, problems)
            case .none: break  // unreadable: an OCI index may still say what is there
            }
        }
        guard store.contains("index.json") else {
            if problems.isEmpty { problems.append(("manifest.json", "no manifest.json or index.json: not an image")) }
            return ([], problems)
        }
        var images: [ImageDescription] = []
        var seen = Set<String>()
        let leaves = ociManifests(named: "index.json", platform: nil, refName: nil, depth: 0, visited: &seen, problems: &problems)
        let platforms = Set(leaves.compactMap(\.platform))
        for leaf in leaves {
            guard let manifest: OCIManifest = decode(leaf.blob, &problems) else { continue }
            var context: [String] = [leaf.refName ?? Self.shortDigest(leaf.blob.expectedDigest ?? leaf.blob.name)]
            if platforms.count > 1, let platform = leaf.platform { context.append(platform) }
            let layers = (manifest.layers ?? []).compactMap { descriptor -> LayerReference? in
                guard let blob = blobReference(descriptor, &problems, what: "a layer of \(leaf.blob.name)") else { return nil }
                return LayerReference(blob: blob, digest: descriptor.digest)
            }
            let config = manifest.config.flatMap { blobReference($0, &problems, what: "the config of \(leaf.blob.name)") }
            images.append(ImageDescription(name: "\(store.displayPath) (\(context.joined(separator: ", ")))", config: config, layers: layers))
        }
        return (images, problems)
    }

    // MARK: docker save

    private struct DockerManifestEntry: Decodable {
        var Config: String?
        var RepoTags: [String]?
        var Layers: [String]?
    }

    private func dockerImages(_ problems: inout [(String, String)]) -> [ImageDescription]? {
        guard let entries: [DockerManifestEntry] = decode(BlobReference(name: "manifest.json"), &problems) else { return nil }
        var images: [ImageDescription] = []
        var diffIDsByConfig: [String: [String]] = [:]
        for entry in entries.prefix(Self.maximumImages + 1) {
            let config = entry.Config.map { name in
                BlobReference(name: name, expectedDigest: Self.digest(inName: name))
            }
            let diffIDs = config.map { config -> [String] in
                if let known = diffIDsByConfig[config.name] { return known }
                let read = decodeQuietly(config, as: ImageConfigDocument.self)?.rootfs?.diff_ids ?? []
                diffIDsByConfig[config.name] = read
                return read
            } ?? []
            let layers = (entry.Layers ?? []).prefix(Self.maximumLayers + 1).enumerated().map { index, name in
                let named = Self.digest(inName: name)
                // Legacy `<id>/layer.tar` layers are uncompressed: their diff id is their digest.
                let diffID = index < diffIDs.count ? diffIDs[index] : nil
                return LayerReference(blob: BlobReference(name: name, expectedDigest: named ?? diffID), digest: named ?? diffID)
            }
            let reference = entry.RepoTags?.first ?? Self.shortDigest(config?.expectedDigest ?? config?.name ?? "untagged")
            images.append(ImageDescription(name: "\(store.displayPath) (\(reference))", config: config, layers: layers))
        }
        return images
    }

    // MARK: OCI

    private struct Platform: Decodable {
        var architecture: String?
        var os: String?
        var variant: String?
    }

    private struct OCIDescriptor: Decodable {
        var mediaType: String?
        var digest: String?
        var size: Int?
        var platform: Platform?
        var annotations: [String: String]?
    }

    private struct OCIIndex: Decodable {
        var manifests: [OCIDescriptor]?
    }

    private struct OCIManifest: Decodable {
        var config: OCIDescriptor?
        var layers: [OCIDescriptor]?
    }

    private struct Leaf {
        var blob: BlobReference
        var platform: String?
        var refName: String?
    }

    /// The image manifests an index leads to, through nested indexes (at most 4 deep, each once).
    private func ociManifests(
        named name: String, platform: String?, refName: String?, depth: Int, visited: inout Set<String>,
        problems: inout [(String, String)]
    ) -> [Leaf] {
        guard depth < 4 else {
            problems.append((name, "indexes nested more than 4 deep; not followed"))
            return []
        }
        guard let index: OCIIndex = decode(BlobReference(name: name), &problems) else { return [] }
        var leaves: [Leaf] = []
        for descriptor in index.manifests ?? [] {
            guard let blob = blobReference(descriptor, &problems, what: "a manifest of \(name)") else { continue }
            guard visited.insert(blob.name).inserted else { continue }
            // Build attestations (in-toto statements) ride in indexes as manifests of their own.
            if descriptor.annotations?["vnd.docker.reference.type"] == "attestation-manifest" { continue }
            let here = descriptor.platform.flatMap { platform in
                platform.os.map { os in [os, platform.architecture, platform.variant].compactMap { $0 }.joined(separator: "/") }
            } ?? platform
            let reference = descriptor.annotations?["io.containerd.image.name"]
                ?? descriptor.annotations?["org.opencontainers.image.ref.name"] ?? refName
            let type = descriptor.mediaType ?? ""
            if type.contains("index") || type.contains("manifest.list") {
                leaves += ociManifests(named: blob.name, platform: here, refName: reference, depth: depth + 1, visited: &visited, problems: &problems)
            } else {
                leaves.append(Leaf(blob: blob, platform: here, refName: reference))
            }
        }
        return leaves
    }

    /// Where a descriptor's blob is: `blobs/ALGORITHM/HEX`, for a digest of a known form only.
    private func blobReference(_ descriptor: OCIDescriptor, _ problems: inout [(String, String)], what: String) -> BlobReference? {
        guard let digest = descriptor.digest, let name = Self.blobName(digest) else {
            problems.append(("index.json", "\(what) has no valid digest ('\(descriptor.digest ?? "")'); skipped"))
            return nil
        }
        return BlobReference(name: name, expectedDigest: digest)
    }

    /// `sha256:HEX` → `blobs/sha256/HEX`, for lowercase hex of the algorithm's length.
    static func blobName(_ digest: String) -> String? {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let length = switch parts[0] { case "sha256": 64; case "sha512": 128; default: 0 }
        guard length > 0, parts[1].utf8.count == length, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return nil
        }
        return "blobs/\(parts[0])/\(parts[1])"
    }

    /// The digest a name spells (`blobs/sha256/HEX`, `HEX.json`, `HEX/layer.tar`), if it spells one.
    static func digest(inName name: String) -> String? {
        let parts = name.split(separator: "/")
        if parts.count == 3, parts[0] == "blobs", let _ = blobName("\(parts[1]):\(parts[2])") { return "\(parts[1]):\(parts[2])" }
        if parts.count == 1, name.hasSuffix(".json") {
            let hex = String(name.dropLast(5))
            if blobName("sha256:" + hex) != nil { return "sha256:" + hex }
        }
        return nil
    }

    /// The image's file or directory, from its name (`app.tar (example/app:1.0)` → `app.tar`).
    static func storePath(ofImage name: String) -> String {
        guard name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) else { return name }
        return String(name[..<open.lowerBound])
    }

    /// `sha256:1a2b3c4d5e6f`: the first 12 hex digits, as `docker images` shows them.
    static func shortDigest(_ digest: String) -> String {
        guard let colon = digest.firstIndex(of: ":") else { return String(digest.prefix(12)) }
        return String(digest[...colon]) + digest[digest.index(after: colon)...].prefix(12)
    }

    // MARK: reading

    private func decode<T: Decodable>(_ blob: BlobReference, _ problems: inout [(String, String)]) -> T? {
        switch store.small(blob.name) {
        case .failure(let error):
            problems.append((blob.name, error.reason))
            return nil
        case .success(let bytes):
            if let expected = blob.expectedDigest, expected.hasPrefix("sha256:"), case let actual = Self.sha256(bytes), actual != expected {
                problems.append((blob.name, "digest mismatch: the manifest says \(expected), the bytes hash to \(actual); read anyway"))
            }
            do {
                return try JSONDecoder().decode(T.self, from: Data(bytes))
            } catch {
                problems.append((blob.name, "not valid image JSON (\(Self.describe(error)))"))
                return nil
            }
        }
    }

    private func decodeQuietly<T: Decodable>(_ blob: BlobReference, as type: T.Type) -> T? {
        guard case .success(let bytes) = store.small(blob.name) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(bytes))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + Hex.encode(bytes.withUnsafeBytes { ContentHash.sha256($0) })
    }

    /// A decoding error in words, without Swift type names.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "unreadable" }
        switch decoding {
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "malformed JSON" : "malformed at \(path(context.codingPath))"
        case .keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected value at \(path(context.codingPath))"
        @unknown default: return "unreadable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}

/// The parts of an image config that hush reads: what a container runs with, and how each layer
/// was built (where build arguments and `RUN` lines leak).
struct ImageConfigDocument: Decodable, Sendable {
    struct Config: Decodable, Sendable {
        var Env: [String]?
        var Labels: [String: String]?
        var Entrypoint: [String]?
        var Cmd: [String]?
        var User: String?
        var WorkingDir: String?
        var OnBuild: [String]?
        var Healthcheck: Healthcheck?
    }

    struct Healthcheck: Decodable, Sendable {
        var Test: [String]?
    }

    struct History: Decodable, Sendable {
        var created_by: String?
        var comment: String?
    }

    struct RootFS: Decodable, Sendable {
        var diff_ids: [String]?
    }

    var config: Config?
    /// Legacy configs (`docker save` before BuildKit) keep the build container's Env and the `RUN` line here.
    var container_config: Config?
    var author: String?
    var history: [History]?
    var rootfs: RootFS?

    /// Each field worth scanning, as `(field, text)`: `Env[2]`, `Labels["k"]`, `Cmd`, `history[3].created_by`.
    var fields: [(String, String)] {
        var fields: [(String, String)] = []
        for (index, value) in (config?.Env ?? []).enumerated() { fields.append(("Env[\(index)]", value)) }
        for (key, value) in (config?.Labels ?? [:]).sorted(by: { $0.key < $1.key }) { fields.append(("Labels[\(key)]", "\(key)=\(value)")) }
        if let entrypoint = config?.Entrypoint, !entrypoint.isEmpty { fields.append(("Entrypoint", entrypoint.joined(separator: " "))) }
        if let cmd = config?.Cmd, !cmd.isEmpty { fields.append(("Cmd", cmd.joined(separator: " "))) }
        for (index, trigger) in (config?.OnBuild ?? []).enumerated() { fields.append(("OnBuild[\(index)]", trigger)) }
        if let test = config?.Healthcheck?.Test, !test.isEmpty { fields.append(("Healthcheck", test.joined(separator: " "))) }
        // The build container's Env only where it differs from the image's (it usually repeats it).
        let env = Set(config?.Env ?? [])
        for (index, value) in (container_config?.Env ?? []).enumerated() where !env.contains(value) {
            fields.append(("container_config.Env[\(index)]", value))
        }
        if let cmd = container_config?.Cmd, !cmd.isEmpty, cmd != (config?.Cmd ?? []) {
            fields.append(("container_config.Cmd", cmd.joined(separator: " ")))
        }
        if let author, !author.isEmpty { fields.append(("author", author)) }
        for (index, step) in (history ?? []).enumerated() {
            if let created = step.created_by, !created.isEmpty { fields.append(("history[\(index)].created_by", created)) }
            if let comment = step.comment, !comment.isEmpty { fields.append(("history[\(index)].comment", comment)) }
        }
        return fields
    }
}
