import Foundation
import PackagePlugin

/// Build-tool plugin: embeds every `Lists/*.yaml` file of the package into the target as a
/// generated Swift source, so the built binary carries the lists and works from any directory.
/// `Lists/` stays the single source of truth; nothing is copied by hand.
@main
struct EmbedLists: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let listsDir = context.package.directoryURL.appending(path: "Lists")
        let names = try FileManager.default.contentsOfDirectory(atPath: listsDir.path())
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
        let inputs = names.map { listsDir.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLists.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) list files from Lists/",
                executable: try context.tool(named: "ListEmbedder").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
