import Foundation
import PackagePlugin

/// Embeds the package's Workflows/ folder into the target as Swift source, so the flows travel
/// inside the executable instead of being looked up relative to the current folder.
@main
struct EmbedWorkflowsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Workflows")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedWorkflowFiles.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) flows of Workflows/",
            executable: try context.tool(named: "embed-workflows").url,
            arguments: [output.path] + files.map(\.path),
            inputFiles: files,
            outputFiles: [output]
        )]
    }
}
