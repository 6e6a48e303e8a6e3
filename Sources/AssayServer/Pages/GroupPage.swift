import Accounts
import AssayCore
import Foundation
import GuidanceGroups
import Hummingbird

/// The group's view of a review: each member's answer to each item, the group's score, the
/// disagreements and the leader's resolutions with their reasons; the leader resolves an open
/// disagreement here, through the API's `resolve` operation.
extension Pages {
    struct GroupView {
        var caseID: String
        var caseHref: String
        var round: Int
        var leader: String
        var members: [String]
        var isLeader: Bool
        var complete: Bool
        var tiers: [TierView]
        var rows: [GroupRow]
        var disagreements: [DisagreementView]
        var action: String
    }

    struct GroupRow {
        var item: String
        var answers: [String]
        var outcome: String
        var disputed: Bool
    }

    struct DisagreementView {
        var item: String
        var anchor: String
        var text: String
        var answers: [String]
        var resolution: String?
        var options: [Option]
        var freeValue: Bool
    }

    func registerGroup(on router: Routes) {
        router.get("cases/{caseID}/group") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let guidance = try await api.engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
            guard let round = guidance.currentRound(of: state.id), let checklist = guidance.checklists[round.group.checklist],
                  let score = guidance.score(round, for: state.institution.type) else {
                throw PageInterruption.refused(.notFound(GuidanceGroupsState.noGroup(state.id)))
            }
            return page("group", title: "\(reader.t("group")) · \(state.id)", groupView(state, score, checklist, for: reader), for: reader)
        }
        router.post("cases/{caseID}/group/resolutions") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let form = try await self.form(request, reader: reader)
            try check(try await api.resolve(.init(path: .init(caseID: state.id.value),
                                                  body: .json(.init(item: form["item"] ?? "", value: form["value"] ?? "", reason: form["reason"] ?? "", note: form["note"])))))
            return Self.seeOther(Self.path(of: state.id.value, "/group"))
        }
    }

    private func groupView(_ state: CaseState, _ score: GroupScore, _ checklist: Checklist, for reader: Reader) -> GroupView {
        let members = score.members
        let rows = score.group.items.enumerated().map { position, result in
            GroupRow(item: result.item.id, answers: members.map { $0.score.items[position].answer?.value ?? "–" },
                     outcome: Self.outcome(result.outcome, for: reader), disputed: result.outcome == .disputed)
        }
        let disagreements = score.disagreements.compactMap { disagreement -> DisagreementView? in
            guard let item = checklist.item(disagreement.item) else { return nil }
            let anchor = Self.anchor(item.id)
            let options = Self.options(for: item, ids: "resolve-\(anchor)", checked: nil, for: reader)
            return DisagreementView(item: item.id, anchor: anchor, text: reader.text(item.text),
                                    answers: zip(disagreement.members, disagreement.values).map { "\($0): \($1)" },
                                    resolution: disagreement.resolution.map { "\($0.answer.value) — \($0.reason)" },
                                    options: options, freeValue: options.isEmpty)
        }
        let tiers = Self.tiers(of: score.group, for: reader)
        return GroupView(caseID: state.id.value, caseHref: Self.path(of: state.id.value), round: score.round.number, leader: score.round.group.leader,
                         members: score.round.group.members, isLeader: reader.account?.id == score.round.group.leader,
                         complete: score.group.isComplete && score.unresolved.isEmpty, tiers: tiers, rows: rows, disagreements: disagreements,
                         action: Self.path(of: state.id.value, "/group/resolutions"))
    }

    static func outcome(_ outcome: ChecklistScore.Outcome, for reader: Reader) -> String {
        switch outcome {
        case .met: reader.t("met")
        case .notMet: reader.t("notMet")
        case .notApplicable: reader.t("notApplicable")
        case .excluded: reader.t("excluded")
        case .unanswered: reader.t("unanswered")
        case .disputed: reader.t("disputed")
        }
    }
}
