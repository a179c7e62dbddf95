import Foundation

/// The `hush` binary built with the tests: beside the test bundle (the products folder of this
/// build), else the newest `.build*/debug/hush` under the package root.
public enum HushBinary {
    public static let url: URL? = {
        let fileManager = FileManager.default
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("hush")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = Fixtures.packageRoot
        let builds = ((try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".build") }
        let candidates = builds.flatMap { build in
            ["debug/hush", "x86_64-unknown-linux-gnu/debug/hush", "aarch64-unknown-linux-gnu/debug/hush"].map {
                root.appendingPathComponent(build).appendingPathComponent($0)
            }
        }.filter { fileManager.isExecutableFile(atPath: $0.path) }
        func modified(_ url: URL) -> Date {
            ((try? fileManager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.max { modified($0) < modified($1) }
    }()

    public static var path: String { url?.path ?? "hush" }
}
