import ArgumentParser
import AssayCore

/// A command of the plugin: parsed by ArgumentParser from the words after `assay NAME`, run with
/// the engine and the plugins' state, returning what it prints.
protocol GuidanceSubcommand: ParsableCommand {
    func run(_ context: PluginCommand.Context) async throws -> String
}

extension ParsableCommand {
    /// This command tree as a plugin command named `name`: a usage error is a `PluginUsageError`
    /// holding the usage (exit 2); `--help` prints the help.
    static func pluginCommand(named name: String) -> PluginCommand {
        PluginCommand(name: name, abstract: configuration.abstract) { context in
            let parsed: any ParsableCommand
            do {
                parsed = try parseAsRoot(context.arguments)
            } catch {
                if exitCode(for: error) == .success { return fullMessage(for: error) }
                throw PluginUsageError(fullMessage(for: error))
            }
            guard let command = parsed as? any GuidanceSubcommand else { return helpMessage(for: type(of: parsed)) }
            return try await command.run(context)
        }
    }
}

/// A refusal by one of the plugin's commands, before anything is written: exit 1.
struct GuidanceCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
