/// Every plugin's state at one point of the log: what its guards read when deciding.
public struct PluginStates: Sendable {
    var states: [String: any Sendable]
    /// Data files stored in the log, by content hash.
    public internal(set) var dataFiles: [DefinitionHash: StoredDataFile] = [:]

    init(_ states: [String: any Sendable]) {
        self.states = states
    }

    /// No plugin state: what a flow without plugins decides with.
    public static let empty = PluginStates([:])

    /// The state of plugin `P`; nil when `P` is not registered.
    public func state<P: Plugin>(of plugin: P.Type) -> P.State? {
        states[P.name] as? P.State
    }
}

/// A plugin's data file as the log holds it: its kind, the file it came from, and its content.
public struct StoredDataFile: Sendable, Equatable, Codable {
    public var plugin: String
    public var kind: String
    public var file: String
    public var content: RecordValue

    public init(plugin: String, kind: String, file: String, content: RecordValue) {
        self.plugin = plugin
        self.kind = kind
        self.file = file
        self.content = content
    }

    /// The content's hash, under which the data file is stored and pinned: SHA-256 of its
    /// canonical JSON, as for definitions.
    public var hash: DefinitionHash { DefinitionHash(canonicalBytes: content.canonicalBytes) }
}
