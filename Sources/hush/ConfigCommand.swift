import ArgumentParser
import Foundation
import HushScan

/// `hush config`: write a starter `.hush.yaml`, or check one and print what it sets.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Write or check .hush.yaml, hush's settings for a repository.",
        subcommands: [ConfigInit.self, ConfigCheck.self])
}

struct ConfigInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented starter .hush.yaml (every setting shown, none set).")

    @Argument(help: "Where to write it.", completion: .file()) var file = HushConfiguration.fileName
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: file), !force {
            throw ValidationError("\(file) exists; --force replaces it.")
        }
        do { try HushConfiguration.starter.write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("\(file): cannot write: \(ErrorText.file(error, path: file, writing: true))")
        }
        print("Wrote \(file). 'hush config check' validates it.")
    }
}

struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a .hush.yaml and print the settings it makes (exit 2 when it is invalid).")

    @Argument(help: "The file (default: .hush.yaml).", completion: .file()) var file = HushConfiguration.fileName

    func run() throws {
        let config = try HushConfiguration.load(path: file)
        let known = Set(try RuleSet.builtin().rules.map(\.id))
        var unknownRules = config.disabledRules.filter { !known.contains($0) }
        unknownRules += config.entropy.keys.filter { !known.contains($0) }.sorted()
        print(config.summary)
        if !unknownRules.isEmpty && config.ruleFiles.isEmpty {
            FileHandle.standardError.write(Data("hush: note: no built-in rule is called \(unknownRules.joined(separator: ", ")).\n".utf8))
        }
    }
}
