import Accounts
import AssayCore
import Coordinators
import Foundation
import GuidanceGroups
import Hummingbird

/// A case: where it stands, what the reader may do now (each allowed action a form, each
/// refused one with the rule's words), its team, and for the institution its rectification
/// items and prerequisites. Its actions and a commission's record of a decline are taken
/// through the API's operations.
extension Pages {
    struct CaseView {
        var id: String
        var caseHref: String
        var institution: String
        var region: String
        var stage: String
        var version: Int
        var since: String
        var path: String
        var deadline: String?
        var overdue: Bool
        var team: [String]
        var allowed: [ActionRow]
        var refused: [ActionRow]
        var links: [Link]
        var rectification: [RectificationRow]
        var prerequisites: [String]
        var institutionView: Bool
        var coordinator: Bool
        var message: String?
        var groupForm: GroupForm?
        var figures: [FigureInput]
    }

    /// What a commission forms a group from: the checklists for the institution's type and the team.
    struct GroupForm {
        var checklists: [Option]
        var team: [Option]
        var supersedes: Bool
    }

    struct FigureInput {
        var name: String
        var label: String
        var id: String
    }

    struct ActionRow {
        var name: String
        var target: String
        var href: String
        var inputs: [InputRow]
        var refusal: String?
    }

    struct InputRow {
        var name: String
        var id: String
    }

    struct RectificationRow {
        var item: String
        var text: String
        var round: Int
        var status: String
        var progress: [String]
        var anchor: String
        var plan: Bool
        var report: Bool
        var verify: Bool
    }

    func registerCase(on router: Routes) {
        router.get("cases/{caseID}") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            return try await casePage(state, for: reader, message: request.uri.queryParameters.get("done"))
        }
        router.post("cases/{caseID}/actions/{action}") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let form = try await self.form(request, reader: reader)
            var inputs: [String: String] = [:]
            for field in form.fields where field.name.hasPrefix("input.") && !field.value.isEmpty { inputs[String(field.name.dropFirst(6))] = field.value }
            let action = context.parameters.get("action") ?? ""
            try check(try await api.takeAction(.init(path: .init(caseID: state.id.value, action: action),
                                                     body: .json(.init(expectedVersion: form["version"].flatMap(Int.init) ?? state.version, inputs: .init(additionalProperties: inputs))))))
            return Self.seeOther(Self.path(of: state.id.value) + "?done=\(action)")
        }
        router.post("cases/{caseID}/declines") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let form = try await self.form(request, reader: reader)
            try check(try await api.declineSeat(.init(path: .init(caseID: state.id.value), body: .json(.init(expert: form["expert"] ?? "", reason: form["reason"] ?? "")))))
            return Self.seeOther(Self.path(of: state.id.value) + "?done=decline")
        }
    }

    private func casePage(_ state: CaseState, for reader: Reader, message: String?) async throws -> Response {
        let account = reader.account!
        let engine = api.engine
        let now = Timestamp(api.clock())
        let view = try await CaseViews.view(state, for: account, engine: engine, now: now)
        let plugins = try await engine.currentPluginStates()
        let guidance = plugins.state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let id = state.id.value
        let rows = view.actions.map { action in
            ActionRow(name: action.name, target: action.target, href: Self.path(of: id, "/actions/\(action.name)"),
                      inputs: (action.inputs ?? []).map { InputRow(name: $0, id: "input-\(action.name)-\($0)") }, refusal: action.refusal)
        }
        var links = [Link(href: Self.path(of: id, "/history"), label: reader.t("history"))]
        if let round = guidance.currentRound(of: state.id) {
            if round.hasMember(account.id) { links.insert(Link(href: Self.path(of: id, "/checklist"), label: reader.t("checklist")), at: 0) }
            links.insert(Link(href: Self.path(of: id, "/group"), label: reader.t("group")), at: round.hasMember(account.id) ? 1 : 0)
        }
        let institutionView = AccountRole.jurisdiction(account.jurisdiction) == .institution(state.institution.id)
        let expert = account.role.hasSuffix("-expert")
        let rectification = guidance.archive(of: state.id, for: state.institution.type).map { item in
            RectificationRow(item: item.item.id, text: reader.text(item.item.text), round: item.round, status: item.status(showing: reader.preferences.timeDisplay),
                             progress: item.progress.map { "\(reader.show($0.at)) \($0.by): \($0.note)" }, anchor: "rectify-\(item.round)-\(Self.anchor(item.item.id))",
                             plan: institutionView && item.plan == nil && !item.isClosed, report: institutionView && item.plan != nil && !item.isClosed,
                             verify: expert && item.plan != nil && !item.isClosed)
        }
        let team = view.team ?? []
        let coordinator = AssayAPI.commissionLevel(account) != nil
        let groupForm = coordinator && !team.isEmpty ? GroupForm(
            checklists: ((try? BuiltInData.checklists()) ?? []).filter { checklist in state.institution.type.map { checklist.institutionTypes.contains($0) } ?? true }
                .map { Option(value: $0.id, label: reader.text($0.title), id: "group-checklist-\($0.id)", checked: false) },
            team: team.map { Option(value: $0, label: $0, id: "group-member-\($0)", checked: true) },
            supersedes: guidance.currentRound(of: state.id) != nil) : nil
        let figures = institutionView ? ((try? guidance.prerequisitesToReport().prerequisites.figures) ?? [:]).sorted { $0.key < $1.key }
            .map { FigureInput(name: $0.key, label: reader.text($0.value), id: "figure-\($0.key)") } : []
        let check = try? guidance.prerequisitesCheck(of: state)
        let caseView = CaseView(id: id, caseHref: Self.path(of: id), institution: "\(state.institution.name) (\(state.institution.id))", region: state.institution.region.description, stage: state.stage,
                                version: state.version, since: reader.show(state.enteredStageAt), path: state.path.joined(separator: " → "),
                                deadline: view.deadline.map { "\($0.action) \(reader.t("due")) \(reader.show($0.due))" }, overdue: view.deadline?.overdue ?? false,
                                team: team, allowed: rows.filter { $0.refusal == nil }, refused: rows.filter { $0.refusal != nil }, links: links,
                                rectification: rectification, prerequisites: check?.lines ?? [],
                                institutionView: institutionView, coordinator: coordinator, message: message, groupForm: groupForm, figures: figures)
        return page("case", title: "\(reader.t("case")) \(id)", caseView, for: reader)
    }
}
