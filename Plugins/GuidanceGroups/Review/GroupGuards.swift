import AssayCore

/// Who of a case's expert group takes its on-site decisions: `group-leader`, the current
/// round's leader, or `group-member`, any member. A flow names one on the actions the group's
/// checklist decides.
enum GroupGuards {
    static var all: [Guard] { [leader, member] }

    static let leader = Guard(name: "group-leader", summary: "the actor leads the case's current expert group") { context in
        verdict(context) { round, actor in
            round.group.leader == actor
                ? .pass("\(actor) leads the group of case \(context.state.id) (round \(round.number))")
                : .fail("\(actor) does not lead the group of case \(context.state.id) (round \(round.number)); its leader is \(round.group.leader)")
        }
    }

    static let member = Guard(name: "group-member", summary: "the actor is a member of the case's current expert group") { context in
        verdict(context) { round, actor in
            round.hasMember(actor)
                ? .pass("\(actor) is in the group of case \(context.state.id) (round \(round.number))")
                : .fail("\(actor) is not in the group of case \(context.state.id) (round \(round.number)): \(round.group.members.joined(separator: ", "))")
        }
    }

    private static func verdict(_ context: GuardContext, _ judge: (ReviewRound, String) -> GuardVerdict) -> GuardVerdict {
        guard let state = context.plugins.state(of: GuidanceGroups.self) else { return .fail("the guidance-groups plugin is not registered") }
        guard let round = state.currentRound(of: context.state.id) else {
            return .fail(GuidanceGroupsState.noGroup(context.state.id))
        }
        return judge(round, context.actor.id)
    }
}
