import Foundation
import PackagePlugin

/// Embeds YAML files into a target as Swift source, so they travel inside the executable instead
/// of being looked up relative to the current folder: the package's Workflows/ into `AssayDemo`
/// (as `EmbeddedWorkflows.files`), and a plugin's `Data/` folder into the plugin (as
/// `EmbeddedData.files`, named by their path under `Data/`).
@main
struct EmbedYAMLPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let isDemo = target.name == "AssayDemo"
        let folder = isDemo ? context.package.directoryURL.appending(path: "Workflows") : target.directoryURL.appending(path: "Data")
        let typeName = isDemo ? "EmbeddedWorkflows" : "EmbeddedData"
        let files = try yamlFiles(under: folder)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName)Files.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) YAML files of \(folder.lastPathComponent)/ into \(target.name)",
            executable: try context.tool(named: "embed-yaml").url,
            arguments: [output.path, typeName, folder.path] + files.map(\.path),
            inputFiles: files,
            outputFiles: [output]
        )]
    }

    private func yamlFiles(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }
}
