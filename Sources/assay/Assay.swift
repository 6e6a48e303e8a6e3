import ArgumentParser
import Foundation
import Logging

/// The `assay` command: runs and checks supervisory-review workflows.
@main
struct Assay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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
        subcommands: [Validate.self, Demo.self, Case.self, Tick.self, History.self, Replay.self, Verify.self, Log.self, Definition.self, Export.self, Import.self, Plugins.self]
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
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let plugin = PluginCommandRunner.command(for: arguments) {
            do {
                print(try await PluginCommandRunner.run(plugin, Array(arguments.dropFirst())))
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
            fail(error)
        }
    }

    /// Reports an error a command let through: one sentence and its exit code.
    private static func fail(_ error: any Error) -> Never {
        if let failure = CommandFailure(error) {
            Console.error("error: \(failure.message)\n")
            Foundation.exit(failure.exitCode.rawValue)
        }
        report(error)
    }

    /// Reports an ArgumentParser error or exit code, with usage error exiting 2.
    private static func report(_ error: any Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            Console.error(fullMessage(for: error) + "\n")
            Foundation.exit(ExitCode.usage.rawValue)
        }
        exit(withError: error)
    }
}

extension ExitCode {
    /// A usage error or unreadable input.
    static let usage = ExitCode(2)
}
