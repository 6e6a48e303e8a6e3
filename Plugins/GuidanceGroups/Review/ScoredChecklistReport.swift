import AssayCore

/// A scored checklist as people read it: the verdict per tier and what decided it, each
/// member's result, the disagreements and their resolutions, then every item by section.
public struct ScoredChecklistReport {
    let score: GroupScore
    let state: CaseState

    public init(_ score: GroupScore, case state: CaseState) {
        self.score = score
        self.state = state
    }

    public var text: String {
        let result = score.group
        let checklist = result.checklist
        let group = score.round.group
        var lines = [
            "case \(state.id) · \(state.institution.name)" + (state.institution.type.map { " (\($0))" } ?? ""),
            "checklist \(checklist.name) · round \(score.round.number) · leader \(group.leader) · members \(group.members.joined(separator: ", "))",
        ]
        if let reason = group.reason { lines.append("supersedes round \(score.round.number - 1): \(reason)") }
        if result.isComplete {
            for tier in result.tiers {
                let met = result.meets(tier.tier) == true
                lines.append("\(tier.tier.mark) \(tier.tier): \(met ? "met" : "not met") — \(result.reasons(for: tier.tier).joined(separator: "; "))")
            }
        } else {
            lines.append("incomplete: \(ChecklistGuards.incompleteness(score))")
        }
        lines.append("")
        lines.append("members")
        for member in score.members {
            let answered = member.score.items.filter { $0.answer != nil }.count
            let tiers = member.score.tiers.map { "\($0.tier) \($0.overall)" + ($0.criticalFailures.isEmpty ? "" : " (critical \($0.criticalFailures.joined(separator: ", ")))") }
            lines.append("  \(member.id)\(member.id == group.leader ? " (leader)" : ""): \(answered) answered; \(tiers.joined(separator: ", "))")
        }
        if !score.disagreements.isEmpty {
            lines.append("")
            lines.append("disagreements")
            for disagreement in score.disagreements {
                let settled = disagreement.resolution.map { " → \($0.answer.value) (\(group.leader): \($0.reason))" } ?? " → unresolved"
                lines.append("  \(disagreement.description)\(settled)")
            }
        }
        if !score.round.reopened.isEmpty {
            lines.append("")
            lines.append("reopened (a member answered after the leader's resolution, which no longer applies)")
            lines += score.round.reopened.map { "  \($0.resolution.item): resolved \($0.resolution.answer.value) (\($0.resolution.reason)); reopened by \($0.by)'s answer" }
        }
        if !score.setAside.isEmpty {
            lines.append("")
            lines.append("answers set aside (they no longer count)")
            lines += score.setAside.map { "  \($0.member) \($0.reason)" }
        }
        if !score.ignored.isEmpty {
            lines.append("")
            lines.append("left out (do not fit the checklist)")
            lines += score.ignored.map { "  \($0.item): \($0.problem)" }
        }
        lines.append("")
        lines.append("items: ★ basic, ☆ recommended, ! critical; each with the group's outcome and value")
        for section in checklist.sections {
            lines.append("")
            let shares = result.tiers.compactMap { tier -> String? in
                guard let found = tier.sections.first(where: { $0.id == section.id }), found.share.possible > 0 else { return nil }
                return "\(tier.tier) \(found.share)" + (found.threshold.map { " (\($0)% needed)" } ?? "")
            }
            lines.append("\(section.id) \(section.title.zh) \(section.title.en)" + (shares.isEmpty ? "" : " — " + shares.joined(separator: ", ")))
            for item in result.items where item.section == section.id {
                lines.append("  \(item.item.tier.mark)\(item.item.critical ? "!" : " ") \(item.item.id.padding(toLength: 7, withPad: " ", startingAt: 0)) \(Self.describe(item))  \(item.item.text.zh)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ result: ChecklistScore.ItemResult) -> String {
        let value = result.answer?.value ?? ""
        switch result.outcome {
        case .met: return "met      \(value)"
        case .notMet: return "NOT MET  \(value)" + (result.answer?.note.map { " — \($0)" } ?? "")
        case .notApplicable(let reason): return "n/a      (\(reason))"
        case .excluded: return "—        does not apply"
        case .unanswered: return "open     unanswered"
        case .disputed: return "open     disputed"
        }
    }
}
