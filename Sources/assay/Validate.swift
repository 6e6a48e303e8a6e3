import ArgumentParser
import AssayCore
import AssayDemo

/// `assay validate`: checks flow definitions the way a compiler checks code.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check flow definitions for errors.",
        discussion: """
        Reads every .yaml and .yml file in the given files and folders (with none, the flows \
        built into assay from Workflows/) and reports schema errors, \
        unknown stages and roles, duplicate action names, stages that cannot be reached or from \
        which no terminal stage can be reached, deadlines without an action, and guards that \
        nothing provides. Each problem is printed as `path:line:col: error: message`, followed by \
        a summary line.

        Exits 0 when every definition is valid (warnings allowed), 1 when any has an error, and 2 \
        when a path cannot be read.

        Example:
          assay validate Workflows
        """
    )

    @Argument(help: "Flow files or folders to check (default: the flows built into assay).")
    var paths: [String] = []

    @Option(help: "Output format: text (compiler-style lines) or json.")
    var format: OutputFormat = .text

    func run() throws {
        let validation = WorkflowValidation(validator: Validator(plugins: try RegisteredPlugins.host()))
        let report = paths.isEmpty ? validation.run(sources: EmbeddedWorkflows.sources()) : validation.run(paths)
        if paths.isEmpty && format == .text {
            print("checking the \(report.files.count) flows built into assay from Workflows/ when it was built: \(EmbeddedWorkflows.files.map(\.name).joined(separator: ", "))")
        }
        print(format == .json ? report.json : report.text, terminator: "")
        if report.hasUnreadableInput { throw ExitCode.usage }
        if report.errorCount > 0 { throw ExitCode.failure }
    }
}
