import AssayCore

/// Integrity (seed 003, section 六; seed 004): violations by institutions and experts, experts'
/// conflicts of interest and suspensions, kept as records that later records supersede, never
/// delete; and the guards they decide (`institution-eligible`, `reviewer-eligible`).
public struct IntegrityRecords: Plugin {
    public static let name = "integrity-records"
    public let version = "1.0"

    public init() {}

    public var initialState: IntegrityState { IntegrityState() }

    public func fold(_ state: inout IntegrityState, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        state.fold(record, about: subject, at: at)
    }

    public var recordKinds: [RecordKind] {
        ["institution", "expert"].map { subjectKind in
            RecordKind(name: "\(subjectKind)-record", summary: "a violation, conflict of interest or suspension about an \(subjectKind), or a later version of one",
                       about: subjectKind, value: IntegrityRecord.self) { $0.problem(about: Subject(kind: subjectKind, id: "_"))?.message }
        }
    }

    public var dataFileKinds: [DataFileKind] {
        [DataFileKind(name: IntegrityRules.kind, summary: "how long a substantiated violation weighs", type: IntegrityRules.self)]
    }

    public func describe(_ record: PluginRecord) -> String? {
        guard record.type != DataFileKind.recordType, let value = try? record.value.decode(as: IntegrityRecord.self) else { return nil }
        let with = value.institution.map { " with institution \($0)" } ?? value.county.map { " with county \($0)" } ?? ""
        let finding = value.finding.map { ", \($0.rawValue)" } ?? ""
        let until = value.until.map { " until \($0)" } ?? ""
        return "\(value.kind.rawValue) \(value.id) of \(value.date)\(until)\(with)\(finding): \(value.description)" + (value.withdrawn ? " (withdrawn)" : "")
    }

    public var guards: [Guard] { [IntegrityGuards.institutionEligible, IntegrityGuards.reviewerEligible] }

    public var commands: [PluginCommand] { [IntegrityCommand.pluginCommand] }
}

/// The rules built into the plugin from `Data/`; `EmbedYAMLPlugin` generates `files`.
enum EmbeddedData {}

/// The built-in integrity rules.
public enum BuiltInIntegrityRules {
    public static func file() throws -> StoredDataFile {
        guard let (name, text) = EmbeddedData.files.first else { throw BuiltInDataFileError(name: "integrity rules", errors: ["none is built in"]) }
        return try PluginHost([IntegrityRecords()]).builtInDataFile(plugin: IntegrityRecords.name, kind: IntegrityRules.kind, name: name, text: text)
    }

    /// The files to store with records written on `state`: the built-in rules when the log
    /// holds none yet (so the guards can weigh the records), else nothing.
    public static func toStore(with state: IntegrityState) throws -> [StoredDataFile] {
        state.rules == nil ? [try file()] : []
    }
}
