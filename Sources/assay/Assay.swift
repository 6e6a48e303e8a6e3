import ArgumentParser
import Foundation
import Logging
import PluginCommandLine

/// The `assay` command: runs and checks supervisory-review workflows.
@main
struct Assay: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withPluginCommands(
        commandName: "assay",
        abstract: "Runs supervisory reviews of primary health-care institutions from YAML flow definitions.",
        discussion: """
        Flows live in Workflows/ (one versioned flow per file) and are built into assay. Check \
        them with `assay validate`; drive cases with `assay case` and `assay tick`; \
        run the Jiaozuo demonstration with `assay demo`. History is kept in a store: \
        sqlite:assay.sqlite by default, or the one --store or $ASSAY_STORE names. Auditors use \
        `history`, `replay`, `verify`, `log` and `export`.

        Exit codes:
          0  success
          1  the input was read but is wrong: invalid definitions, a refused action,
             a store that does not verify, a replay divergence, a failed proof, an
             incomplete export, an unknown case, a file that could not be written
          2  usage error, or input that cannot be used as given: a missing file, an
             empty folder, a store that does not exist or cannot be reached, a
             proof checked without a trusted key
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Demo.self, Case.self, Tick.self, History.self, Replay.self, Verify.self, Log.self, WitnessCommand.self, Definition.self, Export.self, Import.self, Plugins.self, Serve.self, User.self]
    )

    /// Parses and runs a command: usage errors get the usage and exit 2; a command's failure is
    /// one sentence with its exit code (see `CommandFailure`).
    static func main() async {
        // Libraries log nothing a user did not ask for.
        let verbose = CommandLine.arguments.contains("--verbose")
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .critical
            return handler
        }
        var arguments = Array(CommandLine.arguments.dropFirst())
        // `assay help review form` is `assay review form --help`.
        if arguments.first == "help", PluginCommandRunner.command(for: Array(arguments.dropFirst())) != nil {
            arguments = Array(arguments.dropFirst()) + ["--help"]
        }
        if let plugin = PluginCommandRunner.command(for: arguments) {
            do {
                print(try await PluginCommandRunner.run(plugin, Array(arguments.dropFirst())))
                finishOutput()
                return
            } catch {
                fail(error)
            }
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            report(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error, in: type(of: command))
        }
        finishOutput()
    }

    /// Makes sure what the command printed reached standard output (flushing every stream, so
    /// the buffered rest of it too): a full disk is a failure (exit 1), not a silent success.
    private static func finishOutput() {
        guard fflush(nil) != 0 else { return }
        let reason = String(cString: strerror(errno))
        Console.error("error: standard output could not be written (\(reason.prefix(1).lowercased() + reason.dropFirst())); nothing more was printed\n")
        Foundation.exit(ExitCode.failure.rawValue)
    }

    /// Reports an error a command let through: one sentence and its exit code; a usage error
    /// found while it ran, with the command's own usage line.
    private static func fail(_ error: any Error, in command: (any ParsableCommand.Type)? = nil) -> Never {
        if let failure = CommandFailure(error) {
            Console.error("error: \(failure.message)\n")
            Foundation.exit(failure.exitCode.rawValue)
        }
        if let command, let validation = error as? ValidationError {
            Console.error("error: \(validation.message)\nUsage: \(usageString(for: command))\n")
            Foundation.exit(ExitCode.usage.rawValue)
        }
        report(error)
    }

    /// Reports an ArgumentParser error or exit code, with usage error exiting 2.
    private static func report(_ error: any Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            Console.error(UsageMessage.lowercased(fullMessage(for: error)) + "\n")
            Foundation.exit(ExitCode.usage.rawValue)
        }
        exit(withError: error)
    }
}

extension ExitCode {
    /// A usage error or unreadable input.
    static let usage = ExitCode(2)
}

extension CommandConfiguration {
    /// `assay`'s configuration, its discussion closing with the registered plugins' commands,
    /// each with its plugin (a plugin without commands is left out): ArgumentParser lists only
    /// the core's subcommands.
    static func withPluginCommands(commandName: String, abstract: String, discussion: String, version: String,
                                   subcommands: [any ParsableCommand.Type]) -> CommandConfiguration {
        let plugins = (try? RegisteredPlugins.host())?.plugins ?? []
        let listing = plugins.filter { !$0.commands.isEmpty }.map { "  \(type(of: $0).name): \($0.commands.map(\.name).joined(separator: ", "))" }
        return CommandConfiguration(commandName: commandName, abstract: abstract,
                                    discussion: discussion + "\n\nPlugin commands, by plugin (see 'assay help NAME'):\n" + listing.joined(separator: "\n"),
                                    version: version, subcommands: subcommands)
    }
}
