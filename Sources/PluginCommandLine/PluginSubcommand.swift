import ArgumentParser
import AssayCore

/// A plugin's command: parsed by ArgumentParser from the words after `assay NAME`, run with the
/// engine and the plugins' state, returning what it prints.
public protocol PluginSubcommand: ParsableCommand {
    /// Whether the command only reads the store (shows, lists, verifies): then it opens the
    /// store read-only. False by default.
    static var readsOnly: Bool { get }

    func run(_ context: PluginCommand.Context) async throws -> String
}

extension PluginSubcommand {
    public static var readsOnly: Bool { false }
}

extension ParsableCommand {
    /// This command tree as a plugin command named `name`: a usage error is a `PluginUsageError`
    /// holding the usage (exit 2); `--help` prints the help.
    public static func pluginCommand(named name: String) -> PluginCommand {
        PluginCommand(name: name, abstract: configuration.abstract) { context in
            let parsed: any ParsableCommand
            do {
                parsed = try parseAsRoot(context.arguments)
            } catch {
                if exitCode(for: error) == .success { return fullMessage(for: error) }
                throw PluginUsageError(UsageMessage.sentence(fullMessage(for: error)))
            }
            guard let command = parsed as? any PluginSubcommand else {
                // A group of commands, or `help`, `-h`, `--help`: their run asks for the help of
                // the command named, which is printed.
                var asked = parsed
                do {
                    try asked.run()
                } catch {
                    return fullMessage(for: error)
                }
                return helpMessage(for: type(of: parsed))
            }
            return try await command.run(type(of: command).readsOnly ? context.readingOnly() : context)
        }
    }
}

/// A refusal by a plugin's command, before anything is written: one sentence, exit 1.
public struct CommandRefusal: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// ArgumentParser's error messages in Assay's one format: `error: SENTENCE` then the command's
/// own usage line.
public enum UsageMessage {
    /// `message` with ArgumentParser's leading `Error: ` written `error: `, as every error is.
    public static func lowercased(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
    }

    /// `message` without ArgumentParser's leading `Error: `, for a caller that prefixes `error: `.
    public static func sentence(_ message: String) -> String {
        message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
    }
}
