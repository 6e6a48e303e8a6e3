import AssayCore
import AssayHistory

/// Every case as the log left it at a moment: its events folded until the first action taken
/// after the moment (records change no stage).
public enum CasesAt {
    /// The cases of `store` as they stood at `moment`, in the order they were opened.
    public static func read(_ store: any EventStore, at moment: Timestamp) async throws -> [CaseState] {
        var states: [CaseID: CaseState] = [:]
        var stopped: Set<CaseID> = []
        var order: [CaseID] = []
        for try await batch in LogReader(store: store) {
            for entry in batch where entry.subject.isCase && !stopped.contains(entry.subject) {
                let event = try Event(canonical: entry.body)
                switch event.body {
                case .opened(let opened):
                    guard event.at <= moment else { stopped.insert(event.subject); continue }
                    states[event.subject] = CaseState(id: event.subject, opened: opened, at: event.at)
                    order.append(event.subject)
                case .actionTaken where event.at > moment:
                    stopped.insert(event.subject)
                case .actionTaken, .recorded:
                    try states[event.subject]?.apply(event)
                }
            }
        }
        return order.compactMap { states[$0] }
    }
}
