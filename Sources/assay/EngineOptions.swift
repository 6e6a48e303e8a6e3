import ArgumentParser
import AssayCore
import AssayDemo
import AssayStore

/// The store and the flows a command that drives cases runs on: the flows built into assay (or
/// --workflows), and every definition the store holds, so old cases keep their rules.
struct EngineOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("workflows"), help: "A folder of flow definitions to use instead of the flows built into assay.")
    var workflowsPath: String?

    /// An engine on the store opened for `access`.
    func engine(_ access: StoreAccess) async throws -> Engine {
        let plugins = try RegisteredPlugins.host()
        let validation = WorkflowValidation(validator: Validator(plugins: plugins))
        let report = workflowsPath.map { validation.run([$0]) } ?? validation.run(sources: EmbeddedWorkflows.sources())
        guard report.errorCount == 0 else {
            print(report.text, terminator: "")
            throw report.hasUnreadableInput ? ExitCode.usage : ExitCode.failure
        }
        let eventStore = try await store.open(access)
        var library = FlowLibrary(report.definitions.map(\.definition))
        // Older versions that cases still follow; the flows loaded keep their written order.
        for (hash, bytes) in try await eventStore.definitions() where library.definition(hash) == nil {
            library.add(try StoredDefinition.decode(bytes, expecting: hash))
        }
        return Engine(library: library, plugins: plugins, store: eventStore)
    }
}
