import AssayCore

/// Expert regional guidance groups (seed 003, attachment 5) scoring on-site checklists: groups
/// formed on a case, members' answers, the leader's resolutions, the rectification archive,
/// guidance visits, and the recommended standard's prerequisites. The on-site outcome follows
/// from the answers: the guards recompute the score from them at every decision.
public struct GuidanceGroups: Plugin {
    public static let name = "guidance-groups"
    public let version = "1.0"

    public init() {}

    public var initialState: GuidanceGroupsState { GuidanceGroupsState() }

    public func fold(_ state: inout GuidanceGroupsState, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        state.fold(record, about: subject, at: at)
    }

    public func forget(_ subject: Subject, in state: inout GuidanceGroupsState) {
        state.forget(subject)
    }

    public func refusal(of record: CheckedRecord, about subject: Subject, at: Timestamp, in context: RecordContext) -> String? {
        ReviewRules.refusal(of: record, about: subject, at: at, in: context)
            ?? RectificationRules.refusal(of: record, about: subject, at: at, in: context)
            ?? FigureRules.refusal(of: record, about: subject, in: context)
    }

    public func describe(_ record: PluginRecord) -> String? {
        RecordDescription.of(record)
    }

    public var recordKinds: [RecordKind] {
        [
            Self.kind(RecordType.group, "an expert group formed on a case, with the checklist it scores", GroupFormed.self) { $0.problem },
            RecordKind(name: RecordType.answer, summary: "a member's answer to one checklist item", about: "case") { value in
                // Read straight from the value; the decoder is asked only to say what is wrong.
                guard let answer = ItemAnswer(value) else {
                    return RecordKind.decode(value, as: ItemAnswer.self).flatMap { _ in .failure(MalformedValue("it is not an answer")) }
                }
                return .success(answer)
            },
            Self.kind(RecordType.resolution, "the leader's resolution of an item the members disagree on", ItemResolution.self) {
                $0.reason.isEmptyText ? "a resolution needs a reason" : nil
            },
            Self.kind(RecordType.figures, "figures the institution reports for the prerequisites", InstitutionFigures.self) {
                $0.figures.values.contains { $0 < 0 } ? "a figure is 0 or more" : nil
            },
            Self.kind(RecordType.rectificationPlan, "the measure, responsible person and deadline for a shortfall", RectificationPlan.self) { $0.problem },
            Self.kind(RecordType.rectificationProgress, "the institution's report of progress on a shortfall", RectificationNote.self) {
                $0.note.isEmptyText ? "a progress report needs a note" : nil
            },
            Self.kind(RecordType.rectificationVerified, "an expert's verification that closes a shortfall", RectificationNote.self) {
                $0.note.isEmptyText ? "a verification needs a note of what was checked" : nil
            },
            RecordKind(name: RecordType.guidance, summary: "a guidance visit by a lead unit or partner hospital",
                       about: "institution", value: GuidanceVisit.self),
        ]
    }

    /// A record kind about a case whose values decode as `T` and pass `problem`.
    private static func kind<T: Decodable & Sendable>(_ name: String, _ summary: String, _ type: T.Type,
                                                             problem: @escaping @Sendable (T) -> String?) -> RecordKind {
        RecordKind(name: name, summary: summary, about: "case", value: T.self, problem: problem)
    }

    public var dataFileKinds: [DataFileKind] {
        [DataFileKind(name: DataKind.checklist, summary: "an on-site checklist: sections, items, and each tier's pass rule", type: Checklist.self),
         DataFileKind(name: DataKind.prerequisites, summary: "the recommended standard's prerequisites by institution type", type: Prerequisites.self)]
    }

    public var guards: [Guard] {
        ChecklistGuards.all + GroupGuards.all + [PrerequisiteGuards.met, RectificationGuards.closed]
    }

    public var commands: [PluginCommand] {
        [ChecklistCommand.pluginCommand, ReviewCommand.pluginCommand, RectificationCommand.pluginCommand,
         PrerequisitesCommand.pluginCommand]
    }
}
