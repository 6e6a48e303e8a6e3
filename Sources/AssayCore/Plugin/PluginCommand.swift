/// A command a plugin offers under `assay NAME …`, run with the plugin's folded state.
public struct PluginCommand: Sendable {
    /// What a command runs with.
    public struct Context: Sendable {
        /// The words after `assay NAME`.
        public let arguments: [String]
        /// The engine on the store the command was given, to read cases and record facts.
        public let engine: Engine
        /// Every plugin's state, folded from the whole log.
        public let plugins: PluginStates

        public init(arguments: [String], engine: Engine, plugins: PluginStates) {
            self.arguments = arguments
            self.engine = engine
            self.plugins = plugins
        }
    }

    public let name: String
    /// What the command is for, in one sentence.
    public let abstract: String
    private let body: @Sendable (Context) async throws -> String

    /// A command named `name` whose `run` returns what it prints.
    public init(name: String, abstract: String, run: @escaping @Sendable (Context) async throws -> String) {
        self.name = name
        self.abstract = abstract
        body = run
    }

    public func run(_ context: Context) async throws -> String {
        try await body(context)
    }
}
