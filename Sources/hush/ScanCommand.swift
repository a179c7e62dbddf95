import ArgumentParser

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Scan files for leaked credentials.")
    func run() throws {}
}
