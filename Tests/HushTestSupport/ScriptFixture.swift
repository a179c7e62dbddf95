import Foundation

/// Fixtures a committed script writes (`python3 Fixtures/SCRIPT OUT`) into a scratch folder, with
/// the `expected.json` it writes beside them, decoded: how the git-history and image suites get
/// repositories and tarballs that no one checks in.
public final class ScriptFixture<Expected: Decodable & Sendable>: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let folder: ScratchFolder
    public let expected: Expected

    /// Runs `script` (relative to `Fixtures/`) into a new scratch folder's `fixtures/`.
    public init(script: String, prefix: String) throws {
        folder = try ScratchFolder(prefix: prefix)
        let out = folder.file("fixtures")
        let run = try ProgramRun.capture("/usr/bin/env", ["python3", Fixtures.url(script).path, out])
        guard run.status == 0 else { throw Failure(description: "\(script) failed: \(run.transcript)") }
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/expected.json")))
    }

    /// Where the script wrote its fixtures.
    public var root: String { folder.file("fixtures") }
}
