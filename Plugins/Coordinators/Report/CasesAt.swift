import AssayCore

/// Every case as the log left it at a moment: its opening and actions folded until the first
/// action taken after the moment (records change no stage, so they are not read).
public enum CasesAt {
    /// The cases of `store` whose institution lies within `region` (every case when nil), as
    /// they stood at `moment`, in the order they were opened.
    public static func read(_ store: any EventStore, at moment: Timestamp, inside region: RegionCode? = nil) async throws -> [CaseState] {
        var states: [CaseState] = []
        var stopped: CaseID?
        for event in try await store.caseChanges(inside: region) where event.subject != stopped {
            switch event.body {
            case .opened(let opened):
                guard event.at <= moment else { stopped = event.subject; continue }
                states.append(CaseState(id: event.subject, opened: opened, at: event.at))
            case .actionTaken where event.at > moment:
                stopped = event.subject
            case .actionTaken, .recorded:
                guard states.last?.id == event.subject else { continue }
                try states[states.count - 1].apply(change: event)
            }
        }
        return states
    }
}
