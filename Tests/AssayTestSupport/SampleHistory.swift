import AssayCore
import AssayDemo
import Foundation

/// Events for store and history tests: a small valid flow and cases that follow it.
public enum SampleHistory {
    /// A two-stage flow: the institution submits, and the case is done.
    public static let definition = FlowDefinition(
        id: "sample", version: 1, title: LocalizedText(zh: "样例", en: "Sample"),
        roles: NamedList([Role(name: "institution", title: LocalizedText(zh: "机构", en: "Institution"))]),
        start: "application",
        stages: NamedList([
            Stage(name: "application", title: LocalizedText(zh: "申报", en: "Application"), actions: NamedList([
                Action(name: "submit", title: LocalizedText(zh: "提交", en: "Submit"),
                       permission: Permission(role: "institution", level: .institution), target: "application"),
            ])),
            Stage(name: "done", title: LocalizedText(zh: "完成", en: "Done"), isTerminal: true),
        ])
    )

    public static let hash = DefinitionHash(of: definition)
    public static let institution = Jiaozuo.institutions[0]

    /// Event `sequence` of case `id` (of `institution`): the opening for 1, a resubmission after that.
    public static func event(_ id: CaseID, _ sequence: Int, of institution: Institution = institution) -> Event {
        let at = Timestamp(milliseconds: 1_646_096_400_000 + Int64(sequence) * 60_000)
        let actor = DemoCast.institution(institution)
        if sequence == 1 {
            return Event(subject: id, sequence: 1, at: at, body: .opened(CaseOpened(
                flowID: definition.id, definitionHash: hash, institution: institution, actor: actor, stage: definition.start)))
        }
        return Event(subject: id, sequence: sequence, at: at, body: .actionTaken(ActionTaken(
            action: "submit", from: "application", to: "application", actor: actor, trigger: .actor,
            inputs: ["note": "第\(sequence)次提交\n多行"], guards: [])))
    }

    /// Appends `count` events to case `id` in one go, from the case's start.
    public static func appendCase(_ id: CaseID, events count: Int, to store: any EventStore) async throws {
        try await store.record(definition, hash: hash)
        try await store.append((1...count).map { event(id, $0) }, expectedVersion: 0)
    }
}
