import ArgumentParser
import Foundation
import HushScan

/// `hush baseline create`: record today's findings so CI fails only on new ones.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record the current findings as a baseline for --baseline.",
        subcommands: [BaselineCreate.self])
}

struct BaselineCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Scan PATH and write its findings as a baseline (a JSON report): 'hush scan --baseline FILE' then reports only new ones.",
        discussion: "Fingerprints are relative to the scanned folder, so the baseline works from any directory.")

    @Argument(help: "Files or folders to scan.", completion: .file()) var paths: [String] = ["."]
    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the baseline.", valueName: "file"), completion: .file())
    var output: String

    func run() throws {
        var scan = try ScanCommand.parseAsRoot(["--format", "json", "--no-suppress", "--output", output] + paths)
        do { try scan.run() } catch let code as ExitCode where code.rawValue == 1 {
            // Findings are what a baseline records: not a failure here.
        }
        FileHandle.standardError.write(Data("hush: wrote the baseline \(output).\n".utf8))
    }
}
