import AssayCore
import PluginCommandLine
import Foundation

extension PluginCommand.Context {
    /// The plugin's state folded from the whole log.
    func guidance() async throws -> GuidanceGroupsState {
        try await plugins().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
    }

    /// The plugin's state as it concerns one case: folded from its data files and its records
    /// about the case and its institution alone (rounds, answers, rectification, figures and
    /// guidance visits are kept by case and by institution), so the read does not grow with the log.
    func guidance(of state: CaseState) async throws -> GuidanceGroupsState {
        let subjects: Set<Subject> = [state.id, Subject(kind: "institution", id: state.institution.id)]
        return try await self.state(of: GuidanceGroups.self, about: subjects) ?? GuidanceGroupsState()
    }

    /// The plugin's state when the store exists; nil when there is no store yet.
    func guidanceIfStored() async throws -> GuidanceGroupsState? {
        do {
            return try await guidance()
        } catch StoreError.missing {
            return nil
        }
    }

    /// The case named `id`, or a refusal saying so.
    func caseState(_ id: String) async throws -> CaseState {
        do {
            return try await engine().state(of: CaseID(id))
        } catch TransitionError.unknownCase {
            throw CommandRefusal("there is no case \(id); see `assay case list`")
        }
    }

    /// The checklist the case's current round scores, when one is formed and stored.
    func currentChecklist(of caseID: CaseID) async throws -> Checklist? {
        let guidance = try await guidance()
        return guidance.currentRound(of: caseID).flatMap { guidance.checklists[$0.group.checklist] }
    }

    /// Writes one of the plugin's records about `subject`.
    @discardableResult
    func record<T: Encodable>(_ type: String, _ value: T, about subject: Subject, by acting: ActingOptions) async throws -> Event {
        let record = PluginRecord(plugin: GuidanceGroups.name, type: type, by: acting.actor, value: try RecordValue(encoding: value))
        return try await engine().record(record, about: subject, at: acting.date)
    }

    /// The checklist named `id`: the last stored edition, or else the built-in one, with the
    /// file to store (in the same transaction as what pins it). Returns it with its hash.
    func checklist(_ id: String) async throws -> (checklist: Checklist, hash: String, unstored: StoredDataFile?) {
        try await guidance().checklistForNewGroup(id)
    }
}
