import Accounts
import AssayCore
import Coordinators
import Foundation
import GuidanceGroups
import Hummingbird

/// The page after signing in: the cases the account sees, filtered as `case list` filters them
/// (stage, region, overdue), counted by stage and by county, with their deadlines; an expert's
/// reviews first, an institution's own case first.
extension Pages {
    struct HomeView {
        var cases: [CaseRow]
        var stages: [Tally]
        var counties: [Tally]
        var filters: [Tally]
        var stage: String
        var region: String
        var overdueOnly: Bool
        var reviews: [CaseRow]
        var shownOf: String
        var coordinator: Bool
    }

    struct CaseRow {
        var id: String
        var href: String
        var institution: String
        var region: String
        var stage: String
        var deadline: String?
        var overdue: Bool
        /// When the deadline falls, for ordering.
        var due: Timestamp?
    }

    struct Tally {
        var name: String
        var label: String
        var count: Int
        var selected = false
    }

    static let casesShown = 200

    func registerHome(on router: Routes) {
        router.get { request, _ in
            let reader = try signedIn(request)
            let account = reader.account!
            let query = request.uri.queryParameters
            let stage = query.get("stage") ?? "", regionText = query.get("region") ?? "", overdueOnly = query.get("overdue") == "1"
            let region = RegionCode(regionText)
            let now = Timestamp(api.clock())
            let engine = api.engine
            let visible = try await engine.cases().filter { Access.sees(account, $0) }
            let plugins = try await engine.currentPluginStates()
            let guidance = plugins.state(of: GuidanceGroups.self)
            let teams = plugins.state(of: Coordinators.self)
            var stages: [String: Int] = [:], counties: [String: Int] = [:]
            var rows: [CaseRow] = [], reviews: [CaseRow] = []
            for state in visible {
                let deadline = try? engine.transition(for: state).deadline(of: state)
                let row = CaseRow(id: state.id.value, href: Self.path(of: state.id.value), institution: state.institution.name, region: state.institution.region.description,
                                  stage: state.stage, deadline: deadline.map { "\($0.action) \(reader.t("due")) \(reader.show($0.due))" }, overdue: deadline.map { $0.due <= now } ?? false, due: deadline?.due)
                stages[state.stage, default: 0] += 1
                counties[state.institution.region.description, default: 0] += 1
                // A review under way: the expert's team for the case's present stay, or its group formed during it.
                let round = guidance?.currentRound(of: state.id)
                let inGroup = round.map { $0.hasMember(account.id) && $0.formedAt >= state.enteredStageAt } ?? false
                let team = teams?.team(of: state)
                let onTeam = team.map { $0.stage == state.stage && $0.seats.contains { $0.expert == account.id } } ?? false
                if inGroup || onTeam { reviews.append(row) }
                guard stage.isEmpty || state.stage == stage, region.map({ $0.contains(state.institution.region) }) ?? true, !overdueOnly || row.overdue else { continue }
                rows.append(row)
            }
            // The soonest deadline first (the overdue before it), cases without one last.
            let matching = rows.count
            let names = (try? BuiltInTargets.targets())?.regions ?? [:]
            rows.sort { ($0.due?.milliseconds ?? .max) < ($1.due?.milliseconds ?? .max) }
            let view = HomeView(cases: Array(rows.prefix(Self.casesShown)),
                                stages: stages.sorted { $0.key < $1.key }.map { Tally(name: $0.key, label: $0.key, count: $0.value) },
                                counties: counties.sorted { $0.key < $1.key }.map { Tally(name: $0.key, label: "\(names[$0.key] ?? "") \($0.key)", count: $0.value) },
                                filters: stages.keys.sorted().map { Tally(name: $0, label: $0, count: stages[$0]!, selected: $0 == stage) },
                                stage: stage, region: regionText, overdueOnly: overdueOnly, reviews: reviews,
                                shownOf: "\(min(matching, Self.casesShown)) / \(matching)", coordinator: AssayAPI.commissionLevel(account) != nil || AccountRole.serverRoles.contains(account.role))
            return page("home", title: reader.t("home"), view, for: reader)
        }
    }
}
