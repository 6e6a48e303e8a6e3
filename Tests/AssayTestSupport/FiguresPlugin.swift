import AssayCore
import Foundation

/// A plugin written for the tests, exercising every part of the host: institutions report
/// figures about their cases, experts declare conflicts of interest about themselves, a data
/// file sets the minimums, two guards read the folded state, and a command prints it.
public struct FiguresPlugin: Plugin {
    public static let name = "figures"
    public let version = "1.0"

    public init() {}

    /// A figure an institution reports about its case, such as annual visits.
    public struct Figure: Codable, Sendable {
        public var name: String
        public var value: Int64
        public init(name: String, value: Int64) { self.name = name; self.value = value }
    }

    /// An expert's declared conflict of interest with an institution.
    public struct Conflict: Codable, Sendable {
        public var institution: String
        public var reason: String
        public init(institution: String, reason: String) { self.institution = institution; self.reason = reason }
    }

    /// The minimum of each figure, as a data file sets them.
    public struct Minimums: Codable, Sendable {
        public var visits: Int64
        public var doctors: Int64
        enum CodingKeys: String, CodingKey, CaseIterable { case visits, doctors }
    }

    public struct State: Sendable {
        public var figures: [CaseID: [String: Int64]] = [:]
        /// Expert id → the institutions they declared a conflict with.
        public var conflicts: [String: Set<String>] = [:]
    }

    public var initialState: State { State() }

    public var recordKinds: [RecordKind] {
        [RecordKind(name: "figure", summary: "a figure an institution reports about its case", about: "case", value: Figure.self),
         RecordKind(name: "conflict", summary: "an expert's declared conflict of interest", about: "expert", value: Conflict.self)]
    }

    public var dataFileKinds: [DataFileKind] {
        [DataFileKind(name: "minimums", summary: "the minimum of each figure", type: Minimums.self)]
    }

    public func fold(_ state: inout State, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        switch record.type {
        case "figure":
            guard let figure = record.content(as: Figure.self) else { return }
            state.figures[subject, default: [:]][figure.name] = figure.value
        case "conflict":
            guard let conflict = record.content(as: Conflict.self) else { return }
            state.conflicts[String(subject.value.dropFirst("expert:".count)), default: []].insert(conflict.institution)
        default:
            break
        }
    }

    public var guards: [Guard] {
        [Guard(name: "figures-meet-minimums", summary: "the case's figures meet the minimums file the `minimums` input names") { context in
            guard let hash = context.inputs["minimums"], let file = context.plugins.dataFiles[DefinitionHash(hex: hash)],
                  let minimums = try? file.content.decode(as: Minimums.self)
            else { return .fail("no minimums file \(context.inputs["minimums"] ?? "") is stored") }
            let figures = context.plugins.state(of: FiguresPlugin.self)?.figures[context.state.id] ?? [:]
            let short = [("visits", minimums.visits), ("doctors", minimums.doctors)].compactMap { name, minimum -> String? in
                let value = figures[name] ?? 0
                return value >= minimum ? nil : "\(name): \(value) of \(minimum)"
            }
            return short.isEmpty ? .pass("every figure meets its minimum") : .fail("short: \(short.joined(separator: ", "))")
        },
         Guard(name: "no-declared-conflict", summary: "the actor declared no conflict with the institution") { context in
            let declared = context.plugins.state(of: FiguresPlugin.self)?.conflicts[context.actor.id] ?? []
            return declared.contains(context.state.institution.id)
                ? .fail("\(context.actor.id) declared a conflict with \(context.state.institution.id)")
                : .pass("no conflict declared")
        }]
    }

    public var commands: [PluginCommand] {
        [PluginCommand(name: "figures", abstract: "Print the figures reported for a case.") { context in
            guard let id = context.arguments.first else { return "usage: assay figures CASE" }
            let figures = try await context.plugins().state(of: FiguresPlugin.self)?.figures[CaseID(id)] ?? [:]
            return figures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "\n")
        }]
    }

    /// A flow whose approval the plugin's guards decide.
    public static let flow = FlowDefinition(
        id: "figures-review", version: 1, title: LocalizedText(zh: "数据审核", en: "Figures review"),
        roles: NamedList([Role(name: "institution", title: LocalizedText(zh: "机构", en: "Institution")),
                          Role(name: "county-expert", title: LocalizedText(zh: "县级专家", en: "County expert"))]),
        start: "review",
        stages: NamedList([
            Stage(name: "review", title: LocalizedText(zh: "审核", en: "Review"), actions: NamedList([
                Action(name: "approve", title: LocalizedText(zh: "通过", en: "Approve"),
                       permission: Permission(role: "county-expert", level: .county),
                       guards: ["no-declared-conflict", "figures-meet-minimums"],
                       inputs: NamedList([InputSpec(name: "minimums", kind: .text, required: true)]), target: "done"),
            ])),
            Stage(name: "done", title: LocalizedText(zh: "完成", en: "Done"), isTerminal: true),
        ])
    )
}
