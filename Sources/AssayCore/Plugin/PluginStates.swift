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

    /// Plugin `name`'s state and data files, taken from `other` in place of these.
    mutating func take(_ name: String, from other: PluginStates) {
        states[name] = other.states[name]
        dataFiles = dataFiles.filter { $0.value.plugin != name }.merging(other.dataFiles.filter { $0.value.plugin == name }) { _, new in new }
    }

    /// These states with the plugins named `names` only, and their data files.
    func only(_ names: Set<String>) -> PluginStates {
        var kept = PluginStates(states.filter { names.contains($0.key) })
        kept.dataFiles = dataFiles.filter { names.contains($0.value.plugin) }
        return kept
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
