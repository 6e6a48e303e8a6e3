/// A plugin's record found well-formed, with its value read once into the type its kind reads
/// (`RecordKind`), or, for a stored data file, into the file: what the plugin's rules and its
/// fold receive, so neither reads the value again. Made by `PluginHost.check(_:about:)`; replay
/// makes it on every core ahead of the fold.
public struct CheckedRecord: Sendable {
    /// The record as the log holds it.
    public let record: PluginRecord
    /// The value as the record's kind reads it.
    let content: any Sendable

    init(_ record: PluginRecord, content: any Sendable) {
        self.record = record
        self.content = content
    }

    /// The record of a stored data file: the file is its content.
    public init(storing file: StoredDataFile, by actor: Actor = .system) throws {
        self.init(PluginRecord(plugin: file.plugin, type: DataFileKind.recordType, by: actor, value: try RecordValue(encoding: file)), content: file)
    }

    /// The record's kind, such as `answer`.
    public var type: String { record.type }
    /// Who recorded it.
    public var by: Actor { record.by }

    /// The value as `T`, the type its kind reads (`StoredDataFile` for a data file's record);
    /// nil for another type.
    public func content<T>(as type: T.Type) -> T? {
        content as? T
    }
}
