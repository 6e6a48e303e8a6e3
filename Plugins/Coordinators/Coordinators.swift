import AssayCore
import Foundation
import PluginCommandLine

/// The coordinators' tools (county, city and province commissions): the monthly report against
/// the year's targets, computed from the log as of any moment, and the double-random draw of
/// inspection targets and inspectors (双随机一公开), reproducible from its record.
public struct Coordinators: Plugin {
    public static let name = "coordinators"
    public let version = "0.1"

    public init() {}

    public var initialState: AssignmentState { AssignmentState() }
    public var recordKinds: [RecordKind] {
        [RecordKind(name: RecordedDraw.announced, summary: "a draw announced: its rule, pool and recusals", about: "draw", value: DrawAnnouncement.self),
         RecordKind(name: RecordedDraw.drawn, summary: "a draw's outcome: its checkpoint, seed and inspections", about: "draw", value: DrawResult.self),
         RecordKind(name: AssignmentRecords.made, summary: "an assignment of review teams: its directory, rule, period and figures", about: "assignment", value: AssignmentMade.self),
         RecordKind(name: AssignmentRecords.team, summary: "a case's review team (or its new member after a decline)", about: "case", value: TeamAssigned.self),
         RecordKind(name: AssignmentRecords.declined, summary: "an assigned reviewer declines a case, with the reason", about: "case", value: TeamDeclined.self)]
    }

    public func fold(_ state: inout AssignmentState, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        state.fold(record, about: subject, at: at)
    }

    public var dataFileKinds: [DataFileKind] {
        [DataFileKind(name: Targets.kind, summary: "a region's targets for a year, and what reaching each standard means", type: Targets.self),
         DataFileKind(name: TeamRule.kind, summary: "a review team's seats, and who may take them", type: TeamRule.self)]
    }

    public var guards: [Guard] { [AssignmentRecords.assignedReviewer] }

    public var commands: [PluginCommand] { [ReportCommand.pluginCommand, DrawCommand.pluginCommand, DirectoryCommand.pluginCommand, AssignCommand.pluginCommand] }
}

/// The targets built in from `Data/`; `EmbedYAMLPlugin` generates `files`.
enum EmbeddedData {}

/// The built-in targets (Jiaozuo 2022).
public enum BuiltInTargets {
    public static func targets() throws -> Targets {
        guard let (name, text) = EmbeddedData.files.first(where: { $0.0.hasPrefix("targets/") }) else { throw BuiltInDataFileError(name: "targets", errors: ["none is built in"]) }
        return try PluginHost([Coordinators()]).builtInDataFile(plugin: Coordinators.name, kind: Targets.kind, name: name, text: text)
            .content.decode(as: Targets.self)
    }
}

/// The built-in team rules (`Data/team-rules/`), which stages name with `uses: { team-rule: [ID] }`.
public enum BuiltInTeamRules {
    /// Every built-in rule, read and checked.
    public static func rules() throws -> [TeamRule] {
        let host = try PluginHost([Coordinators()])
        return try EmbeddedData.files.filter { $0.0.hasPrefix("team-rules/") }.map { name, text in
            try host.builtInDataFile(plugin: Coordinators.name, kind: TeamRule.kind, name: name, text: text).content.decode(as: TeamRule.self)
        }
    }
}

/// Reading one of the plugin's data files from a path (a targets file, a team rule), every
/// error at its line and column.
enum CoordinatorsDataFile {
    static func load<Content: Decodable>(_ path: String, kind: String, as type: Content.Type, host: PluginHost) throws -> Content {
        guard let data = FileManager.default.contents(atPath: path) else { throw PluginUsageError("cannot read \(path): no such file") }
        return try read(Array(data), file: path, kind: kind, as: type, host: host)
    }

    static func read<Content: Decodable>(_ bytes: [UInt8], file: String, kind: String, as type: Content.Type, host: PluginHost) throws -> Content {
        let (loaded, errors) = try host.loadDataFile(plugin: Coordinators.name, kind: kind, bytes: bytes, file: file)
        guard let loaded, errors.isEmpty else { throw CommandRefusal(errors.map(\.description).joined(separator: "\n")) }
        return try loaded.content.decode(as: Content.self)
    }
}
