import ArgumentParser

@main
struct Hush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hush",
        abstract: "Find leaked credentials, and keep your own secrets safe.",
        discussion: """
            Scan source trees, git history, container images and Kubernetes manifests for leaked \
            credentials, or keep passwords in an encrypted, offline vault.

            Start with:  hush scan .        hush gen --for url        hush vault init
            """,
        version: HushVersion.string,
        subcommands: [ScanCommand.self, GenCommand.self, VaultCommand.self]
    )
}

enum HushVersion {
    static let string = "0.1.0"
}
