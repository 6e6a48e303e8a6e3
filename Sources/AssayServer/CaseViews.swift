import Accounts
import AssayCore
import Coordinators
import Foundation

/// A case, its history and its institution as the API shows them.
enum CaseViews {
    static func institution(_ state: CaseState) -> Components.Schemas.InstitutionRef {
        .init(id: state.institution.id, name: state.institution.name, region: state.institution.region.description)
    }

    static func deadline(_ deadline: (action: String, due: Timestamp), now: Timestamp) -> Components.Schemas.Deadline {
        .init(action: deadline.action, due: deadline.due.date, overdue: deadline.due <= now)
    }

    /// The case with every action of its stage, allowed or refused for the account now.
    static func view(_ state: CaseState, for account: AccountsState.Account, engine: Engine, now: Timestamp) async throws -> Components.Schemas.CaseView {
        let transition = try engine.transition(for: state)
        let plugins = try await engine.currentPluginStates()
        let actions: [Components.Schemas.ActionView]
        if let actor = account.actor {
            actions = transition.availability(on: state, for: actor, at: now, plugins: plugins).map { available in
                .init(name: available.action.name, target: available.action.target, allowed: available.isAllowed,
                      refusal: available.refusal.map { "\($0)" }, inputs: available.action.inputs.map(\.name))
            }
        } else {
            let why = Access.readsOnly(account).detail
            actions = (transition.definition.stages[state.stage]?.actions ?? .init()).map { action in
                .init(name: action.name, target: action.target, allowed: false, refusal: why, inputs: action.inputs.map(\.name))
            }
        }
        let team = plugins.state(of: Coordinators.self)?.team(of: state)?.seats.compactMap(\.expert)
        return .init(id: state.id.value, flow: state.flowID, definition: state.definitionHash.hex, institution: institution(state), stage: state.stage,
                     version: state.version, enteredStageAt: state.enteredStageAt.date, path: state.path,
                     deadline: transition.deadline(of: state).map { deadline($0, now: now) }, team: team, actions: actions)
    }

    /// The institution `id` as the latest directory snapshot lists it.
    static func institution(_ id: String, in engine: Engine) async throws -> Institution? {
        try await DirectorySnapshots.latest(in: engine)?.directory.institution(id)
    }

    static func event(_ event: Event, plugins: PluginHost) -> Components.Schemas.HistoryEvent {
        var view = Components.Schemas.HistoryEvent(sequence: event.sequence, at: event.at.date, kind: .record, summary: summary(event, plugins: plugins))
        switch event.body {
        case .opened(let opened):
            view.kind = .opened
            (view.actor, view.role) = (opened.actor.id, opened.actor.role)
        case .actionTaken(let taken):
            view.kind = .action
            (view.actor, view.role) = (taken.actor.id, taken.actor.role)
            view.inputs = .init(additionalProperties: taken.inputs)
            view.guards = taken.guards.map { "\($0.name) \($0.passed ? "held" : "failed"): \($0.reason)" }
        case .recorded(let record):
            (view.actor, view.role) = (record.by.id, record.by.role)
        }
        return view
    }

    static func summary(_ event: Event, plugins: PluginHost) -> String {
        switch event.body {
        case .opened(let opened): "opened under \(opened.flowID), definition \(opened.definitionHash.short)"
        case .actionTaken(let taken): "took \(taken.action): \(taken.from) → \(taken.to)"
        case .recorded(let record): "\(record.plugin) recorded \(record.type): \(plugins.describe(record))"
        }
    }
}
