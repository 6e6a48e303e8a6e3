import AssayCore
import PluginCommandLine
import Foundation

extension PluginCommand.Context {
    /// The plugin's state folded from the whole log.
    func guidance() async throws -> GuidanceGroupsState {
        try await plugins().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
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

    /// Refuses unless the case is in a stage that scores a checklist (an on-site review or a
    /// recheck): answers recorded after the decision would change no verdict but the archive.
    func requireChecklistStage(_ state: CaseState) async throws {
        let stage = try await engine().transition(for: state).definition.stages[state.stage]
        guard stage?.uses?[DataKind.checklist]?.isEmpty == false else {
            throw CommandRefusal("case \(state.id) is in stage \(state.stage), which scores no checklist; answers are recorded during an on-site review or a recheck")
        }
    }

    /// Writes one of the plugin's records about `subject`.
    @discardableResult
    func record<T: Encodable>(_ type: String, _ value: T, about subject: Subject, by acting: ActingOptions) async throws -> Event {
        let record = PluginRecord(plugin: GuidanceGroups.name, type: type, by: acting.actor, value: try RecordValue(encoding: value))
        return try await engine().record(record, about: subject, at: acting.date)
    }

    /// The checklist named `id`: the last stored edition, or else the built-in one, stored now.
    /// Returns it with its hash.
    func checklist(_ id: String, storingBy acting: ActingOptions) async throws -> (checklist: Checklist, hash: String) {
        let guidance = try await guidance()
        if let hash = guidance.latestChecklist[id], let stored = guidance.checklists[hash] {
            return (stored, hash)
        }
        let file = try BuiltInData.file(kind: DataKind.checklist, id: id)
        let hash = try await engine().storeDataFile(file, by: acting.actor, at: acting.date)
        return (try file.content.decode(as: Checklist.self), hash.hex)
    }
}
