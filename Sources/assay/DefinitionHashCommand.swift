import ArgumentParser
import AssayCore

/// `assay definition hash`: the content hash of flow files, as cases pin it.
struct DefinitionHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the content hash of each flow file, as a case opened under it would pin it.",
        discussion: "Prints `HASH  FILE` for each file, like sha256sum. Comments and formatting do not change the hash; any change of meaning does. A file that does not load is reported as `validate` does (exit 1).\n\nExample:\n  assay definition hash Workflows/*.yaml"
    )

    @Argument(help: "The YAML flow files.")
    var files: [String]

    func run() throws {
        let report = WorkflowValidation(validator: Validator(plugins: try RegisteredPlugins.host())).run(files)
        for loaded in report.definitions {
            print("\(loaded.hash.hex)  \(loaded.file)")
        }
        if report.errorCount > 0 || report.hasUnreadableInput {
            print(report.text, terminator: "")
            throw report.hasUnreadableInput ? ExitCode.usage : ExitCode.failure
        }
    }
}
