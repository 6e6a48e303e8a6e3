import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay history`: one case's events and its state at any moment.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a case's history: who did what, when, with which inputs and guard results.",
        discussion: """
        Lists every event of the case with its log position, time, actor, action, stage change, \
        inputs and guard verdicts, and the definition the case follows; then the case's state \
        (stage and path) at --at, or now.
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The case id, such as basic-standard/410883-002.")
    var caseID: String

    @Option(help: "Show the state at this time: 2022-03-21 or 2022-03-21T09:00:00Z (UTC).")
    var at: String?

    func run() async throws {
        let moment = try at.map(Self.parseTime)
        let eventStore = try await store.open(.read)
        let id = CaseID(caseID)
        var entries: [(position: Int, event: Event)] = []
        for try await batch in LogReader(store: eventStore) {
            for entry in batch where entry.caseID == id {
                entries.append((entry.position, try Event(canonical: entry.body)))
            }
        }
        guard case .opened(let opened)? = entries.first?.event.body else {
            throw CommandFailure.wrong("there is no case \(caseID) in the store; check the case id (`assay replay --all` lists every case)")
        }
        print("case \(id): \(opened.institution.name) (\(opened.institution.id), region \(opened.institution.region))")
        print("flow \(opened.flowID), definition \(opened.definitionHash.hex)")
        for (position, event) in entries {
            print(Self.line(position: position, event: event))
        }
        let shown = entries.map(\.event).filter { moment == nil || $0.at <= moment! }
        guard let state = try CaseState(replaying: shown) else {
            print("at \(moment!): the case was not yet opened")
            return
        }
        print("\(moment.map { "at \($0)" } ?? "now"): stage \(state.stage) (since \(state.enteredStageAt)), path \(state.path.joined(separator: " → "))")
    }

    static func line(position: Int, event: Event) -> String {
        let head = "#\(position)  event \(event.sequence)  \(event.at)  "
        switch event.body {
        case .opened(let opened):
            return head + "opened in \(opened.stage) by \(opened.actor)"
        case .actionTaken(let taken):
            var text = head + "\(taken.action): \(taken.from) → \(taken.to) by \(taken.actor)"
            if taken.trigger == .deadline { text += " (deadline passed)" }
            for (name, value) in taken.inputs.sorted(by: { $0.key < $1.key }) {
                text += "\n      input \(name) = \(value.debugDescription)"
            }
            for result in taken.guards {
                text += "\n      guard \(result)"
            }
            return text
        }
    }

    static func parseTime(_ text: String) throws -> Timestamp {
        // A day alone means the end of that day (UTC).
        let full = text.count == 10 ? text + "T23:59:59Z" : text
        guard let date = ISO8601DateFormatter().date(from: full) else {
            throw ValidationError("'\(text)' is not a time; write 2022-03-21 or 2022-03-21T09:00:00Z")
        }
        return Timestamp(date)
    }
}
