/// A fact a plugin records in the log: of one of its record kinds, about the event's subject,
/// by whom (the event says when). It is history like every event: canonical JSON, leaf-hashed,
/// covered by checkpoints, verified, replayed, exported and imported.
public struct PluginRecord: Sendable, Equatable, Codable {
    /// The plugin's name, such as `guidance-groups`.
    public var plugin: String
    /// The record kind, one the plugin declares, such as `answer`.
    public var type: String
    /// Who recorded it.
    public var by: Actor
    public var value: RecordValue

    public init(plugin: String, type: String, by: Actor, value: RecordValue) {
        self.plugin = plugin
        self.type = type
        self.by = by
        self.value = value
    }
}
