import Foundation
import HushScan
import HushTestSupport
import Testing

/// The image fixtures of `Fixtures/images/make-images.py`, built once per test run: tarballs and
/// layouts written directly with real digests, no Docker engine. `expected.json` names each
/// planted token's path inside the image, its layer, and the layer that deletes it.
enum ImageFixture {
    struct Case: Decodable, Sendable {
        var secret: String
        var path: String
        var layerIndex: Int?
        var deletedInLayer: Int?

        enum CodingKeys: String, CodingKey {
            case secret, path
            case layerIndex = "layer_index"
            case deletedInLayer = "deleted_in_layer"
        }
    }

    struct Expected: Decodable, Sendable {
        var cases: [String: Case]
        var missingLayer: String

        enum CodingKeys: String, CodingKey {
            case cases
            case missingLayer = "missing_layer"
        }
    }

    static let shared: Result<ScriptFixture<Expected>, any Error> = Result {
        try ScriptFixture(script: "images/make-images.py", prefix: "hush-images")
    }
}

extension ScriptFixture<ImageFixture.Expected> {
    func planted(_ name: String) throws -> ImageFixture.Case {
        try #require(expected.cases[name], "no case \(name) in expected.json")
    }
}

@Suite struct ImageScanTests {
    func fixture() throws -> ScriptFixture<ImageFixture.Expected> { try ImageFixture.shared.get() }

    func scan(_ arguments: [String], in directory: String) throws -> (HushRun, ReportDocument) {
        let run = try Hush.run(["scan", "--format", "json", "--show-secrets"] + arguments, in: directory)
        #expect(run.status <= 2, "\(run.transcript)")
        return (run, try run.jsonReport())
    }

    /// The one image of the fixtures, in each layout it is written in: every planted secret, the
    /// deleted and overwritten ones included, at its layer, with the layer that hides it.
    @Test(arguments: [
        ("docker-legacy.tar", "example/app:1.0"), ("docker-25.tar", "example/app:1.0"),
        ("oci-archive.tar", "registry.example/app:1.0"),
    ])
    func everyLayoutYieldsEveryPlantedSecretAtItsLayer(_ file: String, _ reference: String) throws {
        let fixture = try fixture()
        let (run, report) = try scan([file], in: fixture.root)
        #expect(run.status == 1)
        #expect(report.errors.isEmpty, "\(report.errors)")
        let image = "\(file) (\(reference))"
        for name in ["VISIBLE", "WHITEOUT", "OPAQUE", "OVERWRITE", "JAR", "DAMAGED"] {
            let planted = try fixture.planted(name)
            let matches = report.findings.filter { $0.secret == planted.secret }
            #expect(matches.count == 1, "\(name) in \(file): one finding, found \(matches.count)")
            guard let finding = matches.first else { continue }
            #expect(finding.image == image, "\(name)")
            #expect(finding.innerPath == planted.path && finding.path == planted.path, "\(name): \(finding.path)")
            #expect(finding.layerIndex == planted.layerIndex, "\(name): layer \(finding.layerIndex.map(String.init) ?? "none")")
            #expect(finding.deletedInLayer == planted.deletedInLayer, "\(name): deleted in \(finding.deletedInLayer.map(String.init) ?? "none")")
            #expect(finding.layer?.hasPrefix("sha256:") == true && finding.layer?.count == 71, "\(name): \(finding.layer ?? "no digest")")
        }
        let causes = Dictionary(uniqueKeysWithValues: try ["WHITEOUT", "OPAQUE", "OVERWRITE"].map { name in
            let planted = try fixture.planted(name)
            return (name, report.findings.first { $0.secret == planted.secret }?.deletedBy)
        })
        #expect(causes == ["WHITEOUT": "whiteout", "OPAQUE": "opaque-directory", "OVERWRITE": "overwritten"])
        for (name, field) in [("ENV", "Env[1]"), ("HISTORY", "history[2].created_by")] {
            let planted = try fixture.planted(name)
            let finding = try #require(report.findings.first { $0.secret == planted.secret }, "\(name) in \(file)")
            #expect(finding.configField == field && finding.path == "config:" + field && finding.image == image, "\(name)")
            #expect(finding.layerIndex == nil && finding.deletedInLayer == nil)
        }
        // Nothing else: the clean overwrite and the binary are not findings.
        #expect(report.findings.count == 8, "\(report.findings.map(\.path))")
        // A damaged archive inside a layer is a skip (what it held before the damage was read), not an error.
        #expect(report.stats.skipped["unreadable-archive"] == 1)
    }

    @Test func theSameImageInThreeLayoutsIsScannedOnceAndReportedWithEveryPlace() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["docker-legacy.tar", "docker-25.tar", "oci-archive.tar"], in: fixture.root)
        let visible = try fixture.planted("VISIBLE")
        let finding = try #require(report.findings.first { $0.secret == visible.secret })
        #expect(report.findings.filter { $0.secret == visible.secret }.count == 1)
        let images = Set((finding.locations ?? []).compactMap(\.image))
        #expect(images == ["docker-legacy.tar (example/app:1.0)", "docker-25.tar (example/app:1.0)", "oci-archive.tar (registry.example/app:1.0)"])
        #expect((report.stats.duplicates ?? 0) > 0)
    }

    @Test func aMultiPlatformLayoutDirectoryNamesEachPlatform() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["oci-multi"], in: fixture.root)
        #expect(report.errors.isEmpty, "\(report.errors)")
        for (name, platform) in [("AMD64", "linux/amd64"), ("ARM64", "linux/arm64")] {
            let planted = try fixture.planted(name)
            let finding = try #require(report.findings.first { $0.secret == planted.secret }, "\(name)")
            #expect(finding.image == "oci-multi (registry.example/multi:2.0, \(platform))")
            #expect(finding.path == planted.path && finding.layerIndex == 0)
        }
    }

    @Test func imagesInsideAScannedFolderAreReadAsImages() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["tree"], in: fixture.root)
        #expect(report.errors.isEmpty, "\(report.errors)")
        let whiteout = try fixture.planted("WHITEOUT")
        let deleted = try #require(report.findings.first { $0.secret == whiteout.secret })
        #expect(deleted.image == "tree/images/app.tar (example/app:1.0)" && deleted.deletedInLayer == 2)
        let arm = try fixture.planted("ARM64")
        #expect(report.findings.contains { $0.secret == arm.secret && $0.image == "tree/layouts/multi (registry.example/multi:2.0, linux/arm64)" })
        // The layout's blobs are not also scanned as loose files.
        #expect(!report.findings.contains { $0.path.contains("blobs/sha256") })
    }

    @Test func anArchiveThatIsNotAnImageIsReadAsFiles() throws {
        let fixture = try fixture()
        let (_, report) = try scan(["plain.tar.gz"], in: fixture.root)
        let planted = try fixture.planted("PLAIN")
        let finding = try #require(report.findings.first { $0.secret == planted.secret })
        #expect(finding.path == planted.path && finding.image == nil)
        // --max-archive-depth 0 leaves it closed.
        let (closed, closedReport) = try scan(["--max-archive-depth", "0", "plain.tar.gz"], in: fixture.root)
        #expect(closed.status == 0 && closedReport.findings.isEmpty && closedReport.stats.skipped["binary"] == 1)
    }

    @Test func maxArchiveDepthStopsAtTheJarInsideALayer() throws {
        let fixture = try fixture()
        let jar = try fixture.planted("JAR")
        let (_, opened) = try scan(["--max-archive-depth", "1", "docker-25.tar"], in: fixture.root)
        #expect(opened.findings.contains { $0.secret == jar.secret })
        let (_, closed) = try scan(["--max-archive-depth", "0", "docker-25.tar"], in: fixture.root)
        #expect(!closed.findings.contains { $0.secret == jar.secret })
        #expect(closed.findings.contains { $0.secret == (try? fixture.planted("WHITEOUT").secret) }, "layers are read at depth 0")
    }

    /// Every bad input of the hostile image is named (image, layer, entry), and every good layer
    /// around them is still scanned, the last one included.
    @Test func aHostileImageIsReportedPieceByPieceAndTheRestIsScanned() throws {
        let fixture = try fixture()
        let (run, report) = try scan(["hostile.tar"], in: fixture.root)
        #expect(run.status == 1, "findings, and errors do not fail without --strict")
        for name in ["GOOD", "TRAVERSAL", "MISMATCH", "LAST"] {
            let planted = try fixture.planted(name)
            let finding = report.findings.first { $0.secret == planted.secret }
            #expect(finding?.path == planted.path && finding?.layerIndex == planted.layerIndex, "\(name): \(String(describing: finding?.path))")
        }
        let image = "hostile.tar (example/hostile:1)"
        func error(layer: Int, _ words: String) -> Bool {
            report.errors.contains { $0.path.hasPrefix("\(image) layer \(layer) (sha256:") && $0.reason.contains(words) }
        }
        #expect(error(layer: 1, "truncated"), "\(report.errors)")
        #expect(error(layer: 2, "gzip"))
        #expect(error(layer: 3, "decompression bomb"))
        #expect(error(layer: 4, "climbs out") && error(layer: 4, "absolute member name") && error(layer: 4, "hard link"))
        #expect(error(layer: 5, "Truncated tar archive"))
        #expect(error(layer: 6, "digest mismatch"))
        #expect(error(layer: 7, "decompression bomb"), "small bombs share their layer's allowance")
        #expect(error(layer: 8, "not in the image"))
        #expect(report.errors.first { $0.reason.contains("not in the image") }?.path.contains(fixture.expected.missingLayer.dropFirst(7).prefix(12)) == true)
        #expect(report.stats.skipped["special-file"] == 2, "the device node and the FIFO are not read")
        // Each problem once: a failed member does not also fail its archive.
        #expect(report.errors.count == 10, "\(report.errors.map(\.reason))")
        let strict = try Hush.run(["scan", "--strict", "--format", "json", "hostile.tar"], in: fixture.root)
        #expect(strict.status == 2)
    }

    /// A layout's blobs are opened one path component at a time without following links: a
    /// `blobs` that is a symbolic link (here to the real blobs, elsewhere to anything) is not read.
    @Test func aLayoutDirectoryIsNeverReadThroughASymbolicLink() throws {
        let fixture = try fixture()
        let scratch = try ScratchFolder()
        let layout = scratch.file("layout")
        try FileManager.default.createDirectory(atPath: layout, withIntermediateDirectories: true)
        for name in ["oci-layout", "index.json"] {
            try FileManager.default.copyItem(atPath: fixture.root + "/oci-multi/" + name, toPath: layout + "/" + name)
        }
        try FileManager.default.createSymbolicLink(atPath: layout + "/blobs", withDestinationPath: fixture.root + "/oci-multi/blobs")
        let (_, report) = try scan(["layout"], in: scratch.path)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.path))")
        #expect(report.errors.contains { $0.reason.contains("not in the image") })
    }

    /// Files named like a layout's do not hide a folder: without a real `oci-layout` marker it is
    /// walked as files, and beside a real layout everything but `blobs/` still is.
    @Test func aFolderThatOnlyLooksLikeALayoutIsStillScanned() throws {
        let fixture = try fixture()
        let scratch = try ScratchFolder()
        let planted = try fixture.planted("VISIBLE")
        _ = try scratch.write("fake/oci-layout", "")
        _ = try scratch.write("fake/index.json", "{\"manifests\": []}")
        _ = try scratch.write("fake/deploy.env", "GITHUB_TOKEN=\(planted.secret)\n")
        try FileManager.default.copyItem(atPath: fixture.root + "/oci-multi", toPath: scratch.file("real"))
        _ = try scratch.write("real/notes.env", "GITHUB_TOKEN=\(planted.secret)\n")
        let (_, report) = try scan(["fake", "real"], in: scratch.path)
        let places = report.findings.flatMap { ($0.locations ?? []).map(\.path) + [$0.path] }
        #expect(places.contains("fake/deploy.env") && places.contains("real/notes.env"), "\(places)")
        #expect(report.findings.contains { $0.image?.hasPrefix("real (") == true })
    }

    @Test func sarifNamesTheImageAsTheArtifactAndTheLayerInTheMessage() throws {
        let fixture = try fixture()
        let run = try Hush.run(["scan", "--format", "sarif", "docker-25.tar"], in: fixture.root)
        let log = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let deleted = try #require(results.first { (($0["properties"] as? [String: Any])?["innerPath"] as? String) == "app/deleted.env" })
        let properties = try #require(deleted["properties"] as? [String: Any])
        #expect(properties["deletedInLayer"] as? Int == 2 && properties["layerIndex"] as? Int == 0)
        let uri = ((((deleted["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
            as? [String: Any])?["uri"] as? String)
        #expect(uri == "docker-25.tar")
        #expect(((deleted["message"] as? [String: Any])?["text"] as? String)?.contains("layer 0") == true)
    }

    @Test func theTextReportGroupsByImageThenLayer() throws {
        let fixture = try fixture()
        let run = try Hush.run(["scan", "--no-color", "docker-25.tar"], in: fixture.root)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "image docker-25.tar (example/app:1.0)" }.count == 1, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("layer 0 (sha256:") && $0.hasSuffix("app/deleted.env  (deleted in layer 2; recoverable from layer 0)") })
        let layerLines = lines.filter { $0.hasPrefix("layer ") }
        #expect(layerLines == layerLines.sorted(), "layers in order")
    }
}
