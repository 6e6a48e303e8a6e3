import AssayCore
import Coordinators
import IntegrityRecords

/// The rules an expert group's records follow, judged when one is written and again when the
/// log is replayed: a group is formed, and answers and resolutions are given, while the case is
/// in a stage that scores a checklist and by experts `reviewer-eligible` would let review the
/// institution; where the flow has assigned reviewers, the group includes the team assigned to
/// the case; only members answer; only the leader resolves, and only a disagreement that
/// stands; a group after the first says why it supersedes the last.
enum ReviewRules {
    /// Why `record`, about case `caseID` at `at`, may not be written, or nil.
    static func refusal(of record: CheckedRecord, about caseID: CaseID, at: Timestamp, in context: RecordContext) -> String? {
        switch record.type {
        case RecordType.group, RecordType.answer, RecordType.resolution: break
        default: return nil
        }
        guard let state = context.caseState else { return "there is no case \(caseID) to record about" }
        guard let stage = context.stage, let used = stage.uses?[DataKind.checklist], !used.isEmpty else {
            return "case \(caseID) is in stage \(state.stage), which scores no checklist; groups are formed and answer during an on-site review or a recheck"
        }
        let guidance = context.plugins.state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let integrity = context.plugins.state(of: IntegrityRecords.self)
        let by = record.by.id
        switch record.type {
        case RecordType.group:
            guard let group = record.content(as: GroupFormed.self) else { return nil }
            if let refusal = formingRefusal(group, case: state, uses: used, guidance: guidance, integrity: integrity, at: at) { return refusal }
            guard context.stageHasAssignedReviewers else { return nil }
            return teamRefusal(group, case: state, assignments: context.plugins.state(of: Coordinators.self))
        case RecordType.answer:
            guard let answer = record.content(as: ItemAnswer.self) else { return nil }
            let (found, refusal) = itemOfCurrentRound(answer.item, answer.answer, case: state, guidance: guidance)
            if let refusal { return refusal }
            guard let (round, _, _) = found else { return nil }
            guard round.hasMember(by) else {
                return "\(by) is not in the group of case \(caseID) (round \(round.number)): \(round.group.members.joined(separator: ", "))"
            }
            return integrity?.ineligibility(of: by, toReview: state.institution, at: at)
        default:
            guard let resolution = record.content(as: ItemResolution.self) else { return nil }
            let (found, refusal) = itemOfCurrentRound(resolution.item, resolution.answer, case: state, guidance: guidance)
            if let refusal { return refusal }
            guard let (round, _, position) = found else { return nil }
            guard round.group.leader == by else { return "only the group's leader, \(round.group.leader), resolves a disagreement" }
            if let reason = integrity?.ineligibility(of: by, toReview: state.institution, at: at) { return reason }
            let answers = round.answers(at: position, setAside: Set(setAside(round, of: state.institution, integrity: integrity).map(\.member)))
            guard let first = answers.first, answers.contains(where: { !$0.answer.agrees(with: first.answer) }) else {
                let given = answers.isEmpty ? "no member has answered it" : "answers: " + answers.map { "\($0.answer.value) by \($0.member)" }.joined(separator: ", ")
                return "nobody disagrees on item \(resolution.item) (\(given)); a leader resolves only a disagreement that stands"
            }
            return nil
        }
    }

    /// The members of `round` whose answers no longer count, each with why: a conflict of
    /// interest with the institution or its county declared (and not withdrawn) since.
    static func setAside(_ round: ReviewRound, of institution: Institution, integrity: IntegrityState?) -> [(member: String, reason: String)] {
        guard let integrity else { return [] }
        return round.group.members.compactMap { member in
            integrity.conflict(of: member, with: institution).map { conflict in
                (member, "declared a conflict of interest with \(conflict.institution ?? "county \(conflict.county ?? "")"): \(conflict.id) (\(conflict.description))")
            }
        }
    }

    /// Why `group` is not formed from the team assigned to the case at its stage, or nil.
    private static func teamRefusal(_ group: GroupFormed, case state: CaseState, assignments: AssignmentState?) -> String? {
        guard let team = assignments?.team(of: state) else {
            return "only the reviewers assigned to case \(state.id) act in stage \(state.stage), and none are assigned for this stay; a coordinator assigns the team with `assay assign` before the group is formed"
        }
        let missing = team.seats.compactMap(\.expert).filter { !group.members.contains($0) }
        guard missing.isEmpty else {
            return "the group of case \(state.id) must include the team assigned to it (assignment \(team.assignment)); it leaves out \(missing.joined(separator: ", "))"
        }
        return nil
    }

    private static func formingRefusal(_ group: GroupFormed, case state: CaseState, uses used: [String], guidance: GuidanceGroupsState,
                                       integrity: IntegrityState?, at: Timestamp) -> String? {
        guard let checklist = guidance.checklists[group.checklist] else {
            return "the group's checklist \(group.checklist) is not stored in the log"
        }
        guard used.contains(checklist.id) else {
            return "stage \(state.stage) uses checklist \(used.joined(separator: ", ")), not \(checklist.id)"
        }
        if let type = state.institution.type, !checklist.institutionTypes.contains(type) {
            return "checklist \(checklist.id) is for \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", ")); \(state.institution.name) is a \(type)"
        }
        for member in group.members {
            if let reason = integrity?.ineligibility(of: member, toReview: state.institution, at: at) {
                return "the group cannot be formed: \(reason)"
            }
        }
        if let last = guidance.currentRound(of: state.id), group.reason == nil {
            return "case \(state.id) already has round \(last.number) (leader \(last.group.leader)); a new group supersedes it and needs a reason: an appeal, a recheck, a member replaced"
        }
        return nil
    }

    /// The current round of the case, its checklist and the position of `itemID`, when
    /// `answer` may be given to it; otherwise why not.
    private static func itemOfCurrentRound(_ itemID: String, _ answer: AnswerValue, case state: CaseState, guidance: GuidanceGroupsState)
        -> (found: (ReviewRound, Checklist, Int)?, refusal: String?) {
        guard let round = guidance.currentRound(of: state.id) else {
            return (nil, GuidanceGroupsState.noGroup(state.id))
        }
        guard round.formedAt >= state.enteredStageAt else {
            return (nil, "the group of case \(state.id) (round \(round.number)) was formed for an earlier stage; form the group of this \(state.stage) with `assay review form`")
        }
        guard let checklist = guidance.checklists[round.group.checklist] else {
            return (nil, "the group's checklist \(round.group.checklist) is not stored in the log")
        }
        guard let position = checklist.layout.positions[itemID] else {
            return (nil, "checklist \(checklist.name) has no item \(itemID); see `assay checklist show \(checklist.id)`")
        }
        let item = checklist.layout.items[position]
        guard item.applies(to: state.institution.type) else {
            return (nil, "item \(itemID) does not apply to a \(state.institution.type?.rawValue ?? "institution of this type")")
        }
        if let problem = item.problem(with: answer) { return (nil, problem) }
        return ((round, checklist, position), nil)
    }
}
