import ArgumentParser
import Foundation

/// The `assay` command: runs and checks supervisory-review workflows.
@main
struct Assay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Runs supervisory reviews of primary health-care institutions from YAML flow definitions.",
        discussion: """
        Flows live in Workflows/ (one versioned flow per file). Check them with `assay validate`; \
        run the Jiaozuo demonstration with `assay demo`. History is kept in a store: \
        sqlite:assay.sqlite by default, or the one --store or $ASSAY_STORE names. Auditors use \
        `history`, `replay`, `verify`, `log` and `export`.

        Exit codes:
          0  success
          1  the input was read but is wrong: invalid definitions, a refused action,
             a store that does not verify, a replay divergence, a failed proof
          2  usage error, or input that cannot be read (a missing file, an empty
             folder)
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Demo.self, History.self, Replay.self, Verify.self, Log.self, Export.self, Import.self]
    )

    /// Parses and runs a command, reporting usage errors with exit code 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitCode.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}

extension ExitCode {
    /// A usage error or unreadable input.
    static let usage = ExitCode(2)
}
