import ArgumentParser

struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vault", abstract: "Keep secrets in an encrypted vault.")
    func run() throws {}
}
