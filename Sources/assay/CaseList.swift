import ArgumentParser
import AssayCore
import Coordinators
import Foundation

/// `assay case list`: the cases, filtered as a coordinator follows them.
struct CaseList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List cases with their stage, institution and deadline.",
        discussion: "Filters combine: --flow, --stage, --region (institutions inside a region: a county, a city or a province), --overdue (a stage deadline passed at --now, default now).\n\nExample:\n  assay case list --region 410800 --overdue --now 2022-04-10T09:00"
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var time: TimeOptions

    @Option(help: "Only cases of this flow.")
    var flow: String?

    @Option(help: "Only cases in this stage.")
    var stage: String?

    @Option(help: "Only institutions inside this region (GB/T 2260 code of a county, city or province).")
    var region: String?

    @Flag(help: "Only cases whose stage deadline has passed.")
    var overdue = false

    @Option(help: "The moment deadlines are judged at, such as 2022-04-10T09:00, or a day (its end) (default: now).")
    var now: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let region, RegionCode(region) == nil {
            throw ValidationError("--region '\(region)' is not a GB/T 2260 region code, such as 410800")
        }
    }

    func run() async throws {
        let moment = try now.map(time.parseAsOf) ?? Timestamp(Date())
        let area = region.flatMap(RegionCode.init)
        let engine = try await engineOptions.engine(.read)
        // The store lists the region's cases at the stage; a listed case shows its assigned
        // team: the coordinators' records about the listed cases are all it reads beside their
        // openings and actions.
        let (cases, plugins) = try await engine.caseListing(inside: area, atStages: stage.map { [$0] }, withPlugins: [Coordinators.name])
        var reports: [CaseReport] = []
        for state in cases {
            if let flow, state.flowID != flow { continue }
            let report = CaseReport(state, transition: try engine.transition(for: state), now: moment, time: time, plugins: plugins)
            if overdue && report.deadline?.overdue != true { continue }
            reports.append(report)
        }
        if format == .json {
            print(try JSONOutput.encode(reports))
        } else {
            for report in reports { print(report.line) }
            print(counted(reports.count, "case"))
        }
    }
}
