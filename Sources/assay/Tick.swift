import ArgumentParser
import AssayCore
import Foundation

/// `assay tick`: takes the action of every stage deadline that has passed.
struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take the action of every stage deadline that has passed, such as closing an appeal window.",
        discussion: "Run it regularly (from cron, say); --now judges deadlines at another moment. Prints each action taken."
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var time: TimeOptions

    @Option(help: "The moment deadlines are judged at (default: now).")
    var now: String?

    func run() async throws {
        let moment = try now.map(time.parse) ?? Timestamp(Date())
        let written = try await engineOptions.engine(.write).tick(now: moment.date)
        for event in written {
            if case .actionTaken(let taken) = event.body {
                print("\(event.subject)  \(taken.action): \(taken.from) → \(taken.to)  at \(time.show(event.at))")
            }
        }
        print("\(counted(written.count, "deadline")) passed by \(time.show(moment))")
    }
}
