import AssayCore
import IntegrityRecords

/// The guards of an on-site review: the case's current group has scored the checklist its stage
/// uses, completely, and the result meets (or falls short of) a tier. Their reasons name the
/// items that decided it.
enum ChecklistGuards {
    static var all: [Guard] {
        ChecklistTier.allCases.flatMap { tier in [meets(tier), shortOf(tier)] }
    }

    static func meets(_ tier: ChecklistTier) -> Guard {
        Guard(name: "checklist-meets-\(tier)",
              summary: "the expert group's scored checklist is complete and meets the \(tier) standard") { context in
            verdict(context, tier: tier, wanted: true)
        }
    }

    static func shortOf(_ tier: ChecklistTier) -> Guard {
        Guard(name: "checklist-short-of-\(tier)",
              summary: "the expert group's scored checklist is complete and falls short of the \(tier) standard") { context in
            verdict(context, tier: tier, wanted: false)
        }
    }

    private static func verdict(_ context: GuardContext, tier: ChecklistTier, wanted: Bool) -> GuardVerdict {
        let score: GroupScore
        switch groupScore(context) {
        case .failure(let refusal): return .fail(refusal.reason)
        case .success(let found): score = found
        }
        let checklist = score.group.checklist
        guard let met = score.group.meets(tier) else {
            return .fail("checklist \(checklist.name) does not score the \(tier) standard; it scores \(checklist.pass.tiers.map(\.rawValue).joined(separator: ", "))")
        }
        let said = "checklist \(checklist.name), round \(score.round.number): the \(tier) standard is \(met ? "met" : "not met") — "
            + score.group.reasons(for: tier).joined(separator: "; ")
        return met == wanted ? .pass(said) : .fail(said)
    }

    /// Why no complete group result can be read.
    struct Refusal: Error {
        var reason: String
    }

    /// The current round of the case scored, when it is complete and scores a checklist the
    /// stage uses for the institution's type.
    static func groupScore(_ context: GuardContext) -> Result<GroupScore, Refusal> {
        guard let state = context.plugins.state(of: GuidanceGroups.self) else { return .failure(Refusal(reason: "the guidance-groups plugin is not registered")) }
        guard let round = state.currentRound(of: context.state.id) else {
            return .failure(Refusal(reason: GuidanceGroupsState.noGroup(context.state.id)))
        }
        guard let checklist = state.checklists[round.group.checklist] else {
            return .failure(Refusal(reason: "the group's checklist \(round.group.checklist) is not stored in the log"))
        }
        let used = context.stage.uses?[DataKind.checklist] ?? []
        guard used.contains(checklist.id) else {
            return .failure(Refusal(reason: "the group scored checklist \(checklist.id), but stage \(context.stage.name) uses " +
                                    (used.isEmpty ? "no checklist" : used.joined(separator: ", "))))
        }
        let type = context.state.institution.type
        if let type, !checklist.institutionTypes.contains(type) {
            return .failure(Refusal(reason: "checklist \(checklist.id) is for \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", ")), not a \(type)"))
        }
        guard round.formedAt >= context.state.enteredStageAt else {
            return .failure(Refusal(reason: "the group of round \(round.number) was formed for an earlier stage; this \(context.state.stage) needs a group of its own"))
        }
        guard let score = state.score(round, of: context.state.institution, integrity: context.plugins.state(of: IntegrityRecords.self)) else {
            return .failure(Refusal(reason: "the group's checklist \(round.group.checklist) is not stored in the log"))
        }
        guard score.group.isComplete else {
            return .failure(Refusal(reason: "the group's checklist \(checklist.name) is incomplete: " + incompleteness(score)))
        }
        return .success(score)
    }

    /// Such as `3 items unanswered (1.1.2, 1.1.3, 1.2.1); 1 disagreement unresolved (2.1.3: yes by e1, no by e2)`.
    static func incompleteness(_ score: GroupScore) -> String {
        let unanswered = score.group.open.filter { $0.outcome == .unanswered }.map(\.item.id)
        var parts: [String] = []
        if !unanswered.isEmpty {
            parts.append("\(counted(unanswered.count, "item")) unanswered (\(Listing.some(unanswered)))")
        }
        let unresolved = score.unresolved
        if !unresolved.isEmpty {
            parts.append("\(counted(unresolved.count, "disagreement")) unresolved (\(Listing.some(unresolved.map(\.description), limit: 3)))")
        }
        if !score.setAside.isEmpty {
            parts.append("answers set aside: " + score.setAside.map { "\($0.member) \($0.reason)" }.joined(separator: "; "))
        }
        return parts.joined(separator: "; ")
    }
}

/// Lists a few of many names.
enum Listing {
    /// The first `limit` names, and how many more.
    static func some(_ names: [String], limit: Int = 8) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
