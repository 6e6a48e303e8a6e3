/// A domain module the core hosts: guards the flows name, kinds of record it keeps in the log, a
/// fold of those records into its state, data files it reads, and commands under `assay NAME`.
///
/// A plugin depends on the core only, and decides only from what the log holds: its guards read
/// the case, the action's inputs and the plugin's state folded from the records written before
/// the decision, so replaying the log reproduces every verdict.
public protocol Plugin: Sendable {
    /// What the plugin folds its records into.
    associatedtype State: Sendable

    /// The plugin's name: records name it, `assay plugins` lists it, such as `guidance-groups`.
    static var name: String { get }
    var version: String { get }

    /// Guards the flows may name; they read this plugin's state through `GuardContext.plugins`.
    var guards: [Guard] { get }
    /// The kinds of record the plugin keeps, each with its validation.
    var recordKinds: [RecordKind] { get }
    /// The kinds of data file the plugin reads, such as checklists or thresholds.
    var dataFileKinds: [DataFileKind] { get }
    /// Commands under `assay NAME …`.
    var commands: [PluginCommand] { get }

    /// The state before any record.
    var initialState: State { get }
    /// Folds one of the plugin's well-formed records, about `subject` at `at`, into its state;
    /// its value comes read as its kind reads it (`CheckedRecord.content(as:)`). Records the
    /// plugin stored as data files reach the fold too (of type `DataFileKind.recordType`, read
    /// as a `StoredDataFile`).
    func fold(_ state: inout State, _ record: CheckedRecord, about subject: Subject, at: Timestamp)

    /// Lets go of what `state` keeps for the case `subject` alone, once the log holds nothing
    /// more about it: replay calls it after a case's last event, so its memory follows the cases
    /// still open rather than the whole log. Only a plugin whose rules read a case's part while
    /// deciding about that case alone may drop it; by default the state keeps everything.
    func forget(_ subject: Subject, in state: inout State)

    /// Why the plugin's rules forbid `record` about `subject` at `at`, or nil when they admit
    /// it. The engine asks before writing any record (whoever writes it: a command, the server,
    /// an import, the demo), and replay asks again of every record, reporting a refusal as a
    /// divergence: so a record the rules forbid is never written, and one found in a log is seen.
    func refusal(of record: CheckedRecord, about subject: Subject, at: Timestamp, in context: RecordContext) -> String?

    /// What `record` says, in words, for `history` and `tick` (such as `city-expert-1 answered
    /// 2.8: C — 分级护理记录不全`); nil leaves it to the host's plain rendering of its fields.
    func describe(_ record: PluginRecord) -> String?
}

/// A plugin's record and the subject it is about: what a deadline calls for, or one of a batch.
public struct SubjectRecord: Sendable, Equatable {
    public var subject: Subject
    public var record: PluginRecord
    /// The value the record was encoded from, when it was made from one: the engine's check
    /// takes it as the record's content instead of decoding the record again.
    let content: (any Sendable)?

    public init(subject: Subject, record: PluginRecord) {
        self.subject = subject
        self.record = record
        content = nil
    }

    /// The record of `value`, of `type` by `actor`, about `subject`. The engine's check judges
    /// `value` itself (its kind's rules still run on it) rather than decoding what was encoded:
    /// a batch import of thousands of records reads none of them back. So `T`'s `Codable` must
    /// read back what it writes, as synthesized conformances do; replay, which reads the log,
    /// judges every record again from its stored bytes.
    public init<T: Encodable & Sendable>(subject: Subject, plugin: String, type: String, by actor: Actor, encoding value: T) throws(CanonicalEncodingError) {
        self.subject = subject
        record = PluginRecord(plugin: plugin, type: type, by: actor, value: try RecordValue(encoding: value))
        content = value
    }

    /// Equal when the subjects and the records are: how a record was made is not part of it.
    public static func == (left: SubjectRecord, right: SubjectRecord) -> Bool {
        left.subject == right.subject && left.record == right.record
    }
}

extension Plugin {
    public var guards: [Guard] { [] }
    public var dataFileKinds: [DataFileKind] { [] }
    public var commands: [PluginCommand] { [] }
    public func refusal(of record: CheckedRecord, about subject: Subject, at: Timestamp, in context: RecordContext) -> String? { nil }
    public func describe(_ record: PluginRecord) -> String? { nil }
    public func forget(_ subject: Subject, in state: inout State) {}
}
