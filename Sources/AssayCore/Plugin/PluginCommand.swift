/// A command a plugin offers under `assay NAME …`, run with the plugin's folded state.
public struct PluginCommand: Sendable {
    /// What a command runs with. The store is opened when a command first asks for the engine,
    /// so a command that reads only its plugin's built-in data needs no store.
    public struct Context: Sendable {
        /// The words after `assay NAME`.
        public let arguments: [String]
        /// The registered plugins.
        public let host: PluginHost
        /// How the command shows times: the zone `--time-zone` or `--utc` chose, or the campaign's.
        public let time: TimeDisplay
        private let openEngine: @Sendable (_ use: StoreUse) async throws -> Engine
        /// Whether the command only reads: then the store is opened read-only, as `verify`
        /// opens it, so an auditor can run it on a copy they may not write.
        private var readsOnly = false

        /// A context whose `engine(creating:)` opens the store the command was given for `use`.
        public init(arguments: [String], host: PluginHost, time: TimeDisplay = TimeDisplay(),
                    engine: @escaping @Sendable (_ use: StoreUse) async throws -> Engine) {
            self.arguments = arguments
            self.host = host
            self.time = time
            openEngine = engine
        }

        /// This context for a command that only reads: its engine opens the store read-only.
        public func readingOnly() -> Context {
            var context = self
            context.readsOnly = true
            return context
        }

        /// The engine on the store the command was given, to read cases and record facts; the
        /// store must exist unless `creating` (for a command that records the first facts).
        public func engine(creating: Bool = false) async throws -> Engine {
            try await openEngine(readsOnly ? .read : creating ? .create : .write)
        }

        /// Every plugin's state, folded from the whole log.
        public func plugins() async throws -> PluginStates {
            try await engine().currentPluginStates()
        }

        /// Plugin `P`'s state folded from its data files and its records about `subjects` alone
        /// (`Engine.pluginStates(of:about:)`): for a read about those subjects only.
        public func state<P: Plugin>(of plugin: P.Type, about subjects: Set<Subject>) async throws -> P.State? {
            try await engine().pluginStates(of: [P.name], about: subjects).state(of: P.self)
        }
    }

    /// How a command uses its store.
    public enum StoreUse: Sendable, Equatable {
        /// Reads an existing store, opened read-only.
        case read
        /// Reads and records in an existing store.
        case write
        /// Records, creating the store if there is none.
        case create
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

/// A plugin command's words that do not form a command: `assay` prints the message, with the
/// usage it holds, and exits 2 as for its own usage errors.
public struct PluginUsageError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
