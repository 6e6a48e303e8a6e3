import AssayCore
import IntegrityRecords

/// The rules a case's rectification records follow, judged when one is written and again when
/// the log is replayed: each names an open item of the case's archive; the institution plans
/// it and reports progress once it is planned; an expert who may review the institution
/// verifies a planned item, which closes it.
enum RectificationRules {
    /// Why `record`, about case `caseID` at `at`, may not be written, or nil.
    static func refusal(of record: CheckedRecord, about caseID: CaseID, at: Timestamp, in context: RecordContext) -> String? {
        let type = record.type
        guard [RecordType.rectificationPlan, RecordType.rectificationProgress, RecordType.rectificationVerified].contains(type) else { return nil }
        guard let state = context.caseState else { return "there is no case \(caseID) to record about" }
        let key: (round: Int, item: String)
        if type == RecordType.rectificationPlan {
            guard let plan = record.content(as: RectificationPlan.self) else { return nil }
            key = (plan.round, plan.item)
        } else {
            guard let note = record.content(as: RectificationNote.self) else { return nil }
            key = (note.round, note.item)
        }
        let entry: RectificationItem
        do {
            entry = try (context.plugins.state(of: GuidanceGroups.self) ?? GuidanceGroupsState()).rectificationItem(key.item, round: key.round, of: caseID, for: state.institution.type)
        } catch {
            return error.description
        }
        if entry.isClosed { return "item \(key.item) of round \(key.round) is already closed" }
        let by = record.by
        switch type {
        case RecordType.rectificationPlan, RecordType.rectificationProgress:
            guard by.jurisdiction == .institution(state.institution.id) else {
                return "the institution \(state.institution.id) plans its rectification and reports progress; \(by.id) does not act for it"
            }
            if type == RecordType.rectificationProgress, entry.plan == nil {
                return "item \(key.item) of round \(key.round) has no plan yet; the institution plans it first"
            }
            return nil
        default:
            guard by.role.hasSuffix("expert") else { return "an expert verifies a rectification; \(by.role) is not an expert role" }
            guard entry.plan != nil else { return "item \(key.item) of round \(key.round) has no plan to verify yet" }
            return context.plugins.state(of: IntegrityRecords.self)?.ineligibility(of: by.id, toReview: state.institution, at: at)
        }
    }
}
