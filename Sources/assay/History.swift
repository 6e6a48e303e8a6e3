import ArgumentParser
import AssayCore
import Foundation

/// `assay history`: one case's events and its state at any moment.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print a case's history: who did what, when, with which inputs and guard results.",
        discussion: """
        Lists the events of the case with their log positions, times, actors, actions, stage \
        changes, inputs and guard verdicts, and the definition the case follows; then the case's \
        state (stage and path). With --at, only the events up to that moment, and the state \
        then. Times are shown in the campaign's zone (China Standard Time unless ASSAY_TIME_ZONE names another) with its offset, or in --time-zone or --utc.

        Example:
          assay history basic-standard/410883-002 --at 2022-03-19 --store sqlite:demo.sqlite
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The case id, such as basic-standard/410883-002, or another subject of the log, such as expert:ID.")
    var caseID: String

    @Option(help: "Show the history up to this moment: 2022-03-21 (the end of the day), 2022-03-21T09:00 or 2022-03-21T09:00:00+08:00.")
    var at: String?

    @OptionGroup var time: TimeOptions

    func run() async throws {
        let moment = try at.map(time.parseAsOf)
        let plugins = try RegisteredPlugins.host()
        let eventStore = try await store.open(.read)
        let id = CaseID(caseID)
        let entries = try await eventStore.entries(of: id).map { (position: $0.position, event: try Event(canonical: $0.body)) }
        let shown = entries.filter { moment == nil || $0.event.at <= moment! }
        guard id.isCase else {
            // Another subject, such as an expert a plugin records facts about: its records alone.
            guard !entries.isEmpty else { throw CommandFailure.wrong("the log holds nothing about \(caseID); check the subject, written KIND:ID") }
            print("subject \(id): \(counted(entries.count, "record"))")
            for (position, event) in shown { print(line(position: position, event: event, plugins: plugins)) }
            return
        }
        guard case .opened(let opened)? = entries.first?.event.body else {
            throw CommandFailure.wrong("there is no case \(caseID) in the store; check the case id (`assay replay --all` lists every case)")
        }
        print("case \(id): \(opened.institution.name) (\(opened.institution.id), region \(opened.institution.region))")
        print("flow \(opened.flowID), definition \(opened.definitionHash.hex)")
        for (position, event) in shown {
            print(line(position: position, event: event, plugins: plugins))
        }
        guard let state = try CaseState(replaying: shown.map(\.event)) else {
            print("at \(time.show(moment!)): the case was not yet opened")
            return
        }
        print("\(moment.map { "at \(time.show($0))" } ?? "now"): stage \(state.stage) (since \(time.show(state.enteredStageAt))), path \(state.path.joined(separator: " → "))")
    }

    /// One event, and a plugin's record in the words its plugin gives it.
    func line(position: Int, event: Event, plugins: PluginHost) -> String {
        let head = "#\(position)  event \(event.sequence)  \(time.show(event.at))  "
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
        case .recorded(let record):
            return head + "\(record.plugin) recorded \(record.type) by \(record.by): \(plugins.describe(record))"
        }
    }
}
