import AssayYAML

/// Checks one loaded definition for the mistakes that would make cases go wrong at run time.
public struct Validator: Sendable {
    /// The guards that definitions may name.
    public var guards: GuardRegistry
    /// The kinds of data file a stage's `uses` may name; nil to leave `uses` unchecked.
    public var dataFileKinds: [String]?

    public init(guards: GuardRegistry = .standard, dataFileKinds: [String]? = nil) {
        self.guards = guards
        self.dataFileKinds = dataFileKinds
    }

    /// A validator for flows run with `host`'s plugins: their guards and data-file kinds.
    public init(plugins host: PluginHost) {
        self.init(guards: host.guards, dataFileKinds: host.plugins.flatMap { $0.dataFileKinds.map(\.name) })
    }

    /// Every problem in `loaded`, errors and warnings, in file order.
    public func validate(_ loaded: LoadedDefinition) -> [Diagnostic] {
        var sink = DiagnosticSink(loaded: loaded)
        ReferenceChecks.run(on: &sink, guards: guards, dataFileKinds: dataFileKinds)
        ReachabilityChecks.run(on: &sink)
        DeadlineChecks.run(on: &sink)
        return sink.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Collects the diagnostics of one definition, placing each at a key path of its file.
struct DiagnosticSink {
    let loaded: LoadedDefinition
    private(set) var diagnostics: [Diagnostic] = []

    var flow: FlowDefinition { loaded.definition }

    init(loaded: LoadedDefinition) {
        self.loaded = loaded
    }

    /// An error at the value found along `path`.
    mutating func error(at path: [String], _ message: String) {
        add(.error, loaded.mark(at: path), message)
    }

    /// An error at the key that ends `path` (a stage or action name).
    mutating func error(atKey path: [String], _ message: String) {
        add(.error, loaded.keyMark(at: path), message)
    }

    mutating func warning(atKey path: [String], _ message: String) {
        add(.warning, loaded.keyMark(at: path), message)
    }

    /// An error at the key that ends `path`, with a note at the key that ends `notePath`.
    mutating func error(atKey path: [String], _ message: String, noteAtKey notePath: [String], _ note: String) {
        let related = Diagnostic(.note, file: loaded.file, at: loaded.keyMark(at: notePath), note)
        add(.error, loaded.keyMark(at: path), message, notes: [related])
    }

    private mutating func add(_ severity: Diagnostic.Severity, _ mark: Mark, _ message: String, notes: [Diagnostic] = []) {
        diagnostics.append(Diagnostic(severity, file: loaded.file, at: mark, message, notes: notes))
    }
}

/// Key paths of the parts of a definition, as written in its YAML.
enum DefinitionPath {
    static func stage(_ stage: String) -> [String] { ["stages", stage] }
    static func action(_ stage: String, _ action: String) -> [String] { ["stages", stage, "actions", action] }
}
