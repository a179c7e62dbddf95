import ArgumentParser

struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gen", abstract: "Generate a password or passphrase.")
    func run() throws {}
}
