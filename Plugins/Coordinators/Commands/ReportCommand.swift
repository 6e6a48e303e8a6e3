import ArgumentParser
import AssayCore
import AssayHistory
import Foundation
import PluginCommandLine

/// `assay report`: the monthly report as of a moment.
struct ReportCommand: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(
        commandName: "assay report",
        abstract: "The monthly report (月报): per county, city and province, as of a moment, against the year's targets.",
        discussion: "Every figure is computed from the log as of --at, so a past month's report is reproduced exactly. Formats: text (a table), csv, json, html (a self-contained page with SVG charts).\n\nExample:\n  assay report --at 2022-06-30 --format html --output report.html\n  assay report --at 2022-06-30 --region 410882"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json, html }

    @Option(help: "The moment: YYYY-MM-DD (the end of that day, China Standard Time) or a time with its offset (default: now).") var at: String?
    @Option(help: "text, csv, json or html.") var format: Format = .text
    @Option(help: "Write to this file instead of printing.") var output: String?
    @Option(help: "A targets file (default: the built-in Jiaozuo 2022 targets).") var targets: String?
    @Option(help: "Only the institutions inside this region (GB/T 2260 code of a county, city or province), read through the store's index of cases by region.")
    var region: String?

    static let pluginCommand = pluginCommand(named: "report")

    func run(_ context: PluginCommand.Context) async throws -> String {
        let moment = try Self.moment(at)
        let area = try region.map { code in
            guard let area = RegionCode(code) else { throw PluginUsageError("--region '\(code)' is not a GB/T 2260 region code, such as 410800") }
            return area
        }
        let goals = try targets.map { try CoordinatorsDataFile.load($0, kind: Targets.kind, as: Targets.self, host: context.host) } ?? BuiltInTargets.targets()
        let engine = try await context.engine()
        let cases = try await CasesAt.read(engine.store, at: moment, inside: area)
        let report = MonthlyReport(cases: cases, at: moment, targets: goals) { state in
            (try? engine.transition(for: state))?.deadline(of: state)?.due
        }
        let rendered: String
        switch format {
        case .text: rendered = report.text(showing: context.time)
        case .csv: rendered = report.csv
        case .json: rendered = String(decoding: try JSONEncoder.sorted.encode(report), as: UTF8.self)
        case .html: rendered = report.html(showing: context.time)
        }
        guard let output else { return rendered }
        try OutputFile.write(Array((rendered + "\n").utf8), to: output)
        return "wrote \(output): the report as of \(context.time.show(moment))"
    }

    static func moment(_ text: String?) throws -> Timestamp {
        guard let text else { return Timestamp(Date()) }
        do {
            return try MomentReader().readAsOf(text)
        } catch {
            throw PluginUsageError("--at: \(error) (or a day alone, YYYY-MM-DD, for the report at its end)")
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
