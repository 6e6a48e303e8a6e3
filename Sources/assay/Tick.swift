import ArgumentParser
import AssayCore
import Foundation

/// `assay tick`: takes the action of every stage deadline that has passed.
struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Take the action of every stage deadline that has passed, such as closing an appeal window.",
        discussion: "Run it regularly (from cron, say); --now judges deadlines at another moment. Prints each action taken, then each record a plugin's own deadline called for (such as a registration not rectified in time).\n\nExample:\n  assay tick --now 2022-04-10T09:00"
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var time: TimeOptions

    @Option(help: "The moment deadlines are judged at, such as 2022-04-10T09:00 (default: now).")
    var now: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// One deadline action taken, as JSON prints it.
    struct Taken: Encodable {
        var `case`: String
        var action: String
        var from: String
        var to: String
        var at: String
    }

    func run() async throws {
        let moment = try now.map(time.parse) ?? Timestamp(Date())
        let engine = try await engineOptions.engine(.write)
        let written = try await engine.tick(now: moment.date)
        let taken = written.compactMap { event -> Taken? in
            guard case .actionTaken(let action) = event.body else { return nil }
            return Taken(case: event.subject.value, action: action.action, from: action.from, to: action.to, at: time.show(event.at))
        }
        if format == .json {
            print(try JSONOutput.encode(taken))
            return
        }
        for item in taken {
            print("\(item.case)  \(item.action): \(item.from) → \(item.to)  at \(item.at)")
        }
        for event in written {
            guard case .recorded(let record) = event.body else { continue }
            print("\(event.subject)  \(record.plugin) \(record.type): \(engine.plugins.describe(record))  at \(time.show(event.at))")
        }
        print("\(counted(written.count, "deadline")) passed by \(time.show(moment))")
    }
}
