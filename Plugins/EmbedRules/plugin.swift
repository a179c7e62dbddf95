import Foundation
import PackagePlugin

/// Embeds every `patterns/*.yaml` file into the target as Swift source, so an installed `hush`
/// needs no rule files beside it.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patterns = context.package.directoryURL.appending(path: "patterns")
        let files = try FileManager.default
            .contentsOfDirectory(at: patterns, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinRuleFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) rule files from patterns/",
                executable: try context.tool(named: "hush-embed-rules").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
