import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation
import GuidanceGroups
import PluginCommandLine
import Testing

/// Runs the plugin's commands as `assay NAME …` does, on an in-memory engine.
struct PluginCommands {
    let reviewed: ReviewedEngine
    static let coordinator = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "2022-03-05T09:00:00+08:00"]

    func run(_ name: String, _ arguments: [String]) async throws -> String {
        let command = try #require(reviewed.host.command(named: name))
        let engine = reviewed.engine
        return try await command.run(PluginCommand.Context(arguments: arguments, host: reviewed.host) { _ in engine })
    }
}

@Suite("Offline field forms")
struct FieldFormTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Converts `xlsx` with pyxform; the XForm's length and pyxform's warnings.
    static func pyxform(_ xlsx: URL) throws -> ProcessResult {
        try Subprocess.run("/usr/bin/env", ["python3", "-c", """
            import sys
            from pyxform.xls2xform import convert
            warnings = []
            result = convert(xlsform=sys.argv[1], warnings=warnings)
            print(len(result.xform))
            for warning in warnings: print("warning:", warning)
            """, xlsx.path])
    }

    @Test("every built-in checklist, and a case's form, converts with pyxform without an error or a warning")
    func formsConvert() async throws {
        let folder = try Self.temporaryFolder()
        let commands = PluginCommands(reviewed: try ReviewedEngine())
        for id in ["township-health-centre", "community-health-service-centre", "community-hospital"] {
            let xlsx = folder.appendingPathComponent("\(id).xlsx")
            let wrote = try await commands.run("checklist", ["xlsform", id, "--output", xlsx.path] + PluginCommands.coordinator)
            #expect(wrote.hasPrefix("wrote \(xlsx.path): checklist \(id) 2023"))
            let converted = try Self.pyxform(xlsx)
            #expect(converted.status == 0, "\(id): \(converted.errors)")
            #expect(!converted.output.contains("warning:"), "\(id): \(converted.output)")
            #expect((Int(converted.output.split(separator: "\n").first ?? "") ?? 0) > 10_000)
        }
        let (state, _) = try await commands.reviewed.caseAtOnsiteReview(team: ["e1", "e2"])
        _ = try await commands.run("review", ["form", state.id.value, "--checklist", "community-health-service-centre", "--leader", "e1", "--member", "e2"]
            + PluginCommands.coordinator)
        let xlsx = folder.appendingPathComponent("case.xlsx")
        _ = try await commands.run("checklist", ["xlsform", "--case", state.id.value, "--output", xlsx.path] + PluginCommands.coordinator)
        let converted = try Self.pyxform(xlsx)
        #expect(converted.status == 0 && !converted.output.contains("warning:"), "\(converted.output)\(converted.errors)")
    }

    /// A CSV as ODK Central exports it: group paths joined by `-`, and the form's meta columns.
    static func csv(_ rows: [(checklist: String, caseID: String, expert: String, answers: [String: String])], items: [String]) -> String {
        let itemColumns = items.map { "s_x-\(FieldFormName.of($0))" }
        var lines = [(["SubmissionDate", "checklist", "case", "expert"] + itemColumns + ["meta-instanceID"]).joined(separator: ",")]
        for (index, row) in rows.enumerated() {
            let values = items.map { row.answers[$0] ?? "" }
            lines.append((["2022-03-06T10:00:00.000Z", row.checklist, row.caseID, row.expert] + values + ["uuid:\(index)"])
                .map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test("submissions import as the experts' answers; one made on another checklist edition is refused by row and column, writing nothing")
    func submissionsImport() async throws {
        let folder = try Self.temporaryFolder()
        let commands = PluginCommands(reviewed: try ReviewedEngine())
        let (state, institution) = try await commands.reviewed.caseAtOnsiteReview(team: ["e1", "e2"])
        _ = try await commands.run("review", ["form", "bs/1", "--checklist", "community-health-service-centre", "--leader", "e1", "--member", "e2"]
            + PluginCommands.coordinator)
        let guidance = try #require(try await commands.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        let round = try #require(guidance.currentRound(of: state.id))
        let checklist = try #require(guidance.checklists[round.group.checklist])
        let items = checklist.items.filter { $0.applies(to: institution.type) }
        let met = Dictionary(uniqueKeysWithValues: items.map { ($0.id, DemoReview.met($0).value) })
        var evidenceFree = met
        for item in items where item.kind == .evidence { evidenceFree[item.id] = nil }

        let stale = String(repeating: "ab", count: 32)
        let file = folder.appendingPathComponent("submissions.csv")
        try Data(Self.csv([(round.group.checklist, "bs/1", "e1", evidenceFree), (stale, "bs/1", "e2", evidenceFree)], items: items.map(\.id)).utf8).write(to: file)
        let before = commands.reviewed.store.logSize()
        let refusal = await #expect(throws: (any Error).self) {
            try await commands.run("review", ["import", "bs/1", file.path] + PluginCommands.coordinator)
        }
        let message = String(describing: try #require(refusal))
        #expect(message.hasPrefix("\(file.path): nothing was imported; 1 problem:\n  row 3, column checklist: the submission was made on checklist abababababab…"), "\(message)")
        #expect(commands.reviewed.store.logSize() == before)

        var wrong = evidenceFree
        wrong["2.1"] = "lots"
        try Data(Self.csv([(round.group.checklist, "bs/1", "e1", evidenceFree), (round.group.checklist, "bs/2", "e2", evidenceFree),
                           (round.group.checklist, "bs/1", "e2", wrong)], items: items.map(\.id)).utf8).write(to: file)
        let refusals = await #expect(throws: (any Error).self) {
            try await commands.run("review", ["import", "bs/1", file.path] + PluginCommands.coordinator)
        }
        let listed = String(describing: try #require(refusals))
        #expect(listed.contains("row 3, column case: the submission is for case 'bs/2', not bs/1"), "\(listed)")
        #expect(listed.contains("row 4, column s_x-i_2_1: item 2.1 is answered with a whole number, not 'lots'"), "\(listed)")
        #expect(commands.reviewed.store.logSize() == before)

        try Data(Self.csv([(round.group.checklist, "bs/1", "e1", evidenceFree), (round.group.checklist, "bs/1", "e2", evidenceFree)],
                          items: items.map(\.id)).utf8).write(to: file)
        let imported = try await commands.run("review", ["import", "bs/1", file.path] + PluginCommands.coordinator)
        #expect(imported == "imported \(2 * evidenceFree.count) answers from 2 submissions by e1, e2")
        let after = try #require(try await commands.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        let current = try #require(after.currentRound(of: state.id))
        let score = try #require(after.score(current, for: institution.type))
        #expect(score.group.open.map(\.item.kind).allSatisfy { $0 == .evidence })
    }
}

extension FieldFormTests {
    @Test("a JSON export with groups nested, as ODK Central's OData gives it, imports the same answers")
    func jsonSubmissions() async throws {
        let folder = try Self.temporaryFolder()
        let commands = PluginCommands(reviewed: try ReviewedEngine())
        let (state, institution) = try await commands.reviewed.caseAtOnsiteReview(team: ["e1", "e2"])
        let formed = try await commands.run("review", ["form", "bs/1", "--checklist", "community-health-service-centre", "--leader", "e1", "--member", "e2"]
            + PluginCommands.coordinator)
        let hash = String(try #require(formed.split(separator: " ").last))
        let checklist = try BuiltInData.file(kind: "checklist", id: "community-health-service-centre").content.decode(as: Checklist.self)
        var groups: [String: [String: String]] = [:]
        for section in checklist.sections {
            for item in section.items where item.kind != .evidence && item.applies(to: institution.type) {
                groups["s_" + section.id.replacingOccurrences(of: "-", with: "_"), default: [:]][FieldFormName.of(item.id)] = DemoReview.met(item).value
            }
        }
        let submission: [String: Any] = ["__id": "uuid:1", "checklist": hash, "case": "bs/1", "expert": "e2"].merging(groups) { $1 }
        let file = folder.appendingPathComponent("submissions.json")
        try JSONSerialization.data(withJSONObject: ["value": [submission]]).write(to: file)
        let imported = try await commands.run("review", ["import", "bs/1", file.path] + PluginCommands.coordinator)
        #expect(imported == "imported \(groups.values.map(\.count).reduce(0, +)) answers from 1 submission by e2")
        let guidance = try #require(try await commands.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        let round = try #require(guidance.currentRound(of: state.id))
        #expect(round.answer(of: "e2", to: "2.1", in: checklist)?.answer.value == DemoReview.met(try #require(checklist.item("2.1"))).value)
    }

    @Test("a form that cannot be written records nothing: the checklist is stored only once its form is safely written")
    func failedFormRecordsNothing() async throws {
        let commands = PluginCommands(reviewed: try ReviewedEngine())
        let folder = try Self.temporaryFolder()
        let missing = folder.appendingPathComponent("no-folder/form.xlsx").path
        let refusal = await #expect(throws: OutputFileError.self) {
            try await commands.run("checklist", ["xlsform", "township-health-centre", "--output", missing] + PluginCommands.coordinator)
        }
        #expect(refusal?.description.hasPrefix("cannot create a file in ") == true)
        #expect(commands.reviewed.store.logSize() == 0)
        let written = folder.appendingPathComponent("form.xlsx").path
        _ = try await commands.run("checklist", ["xlsform", "township-health-centre", "--output", written] + PluginCommands.coordinator)
        #expect(commands.reviewed.store.logSize() == 1)
        #expect(FileManager.default.fileExists(atPath: written))
    }

    @Test("groups are formed and answer only while the case is in a stage that scores a checklist; a refused form stores no checklist")
    func answersOnlyDuringAReview() async throws {
        let commands = PluginCommands(reviewed: try ReviewedEngine())
        let institution = try #require(Jiaozuo.institution(named: "焦西社区卫生服务中心"))
        try await commands.reviewed.engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution),
                                                at: ReviewedEngine.date(day: 0))
        let before = commands.reviewed.store.logSize()
        let stage = "case bs/1 is in stage application, which scores no checklist; groups are formed and answer during an on-site review or a recheck"
        let formed = await #expect(throws: RecordError.self) {
            try await commands.run("review", ["form", "bs/1", "--checklist", "community-health-service-centre", "--leader", "e1", "--member", "e2"]
                + PluginCommands.coordinator)
        }
        #expect(formed?.description == "refused: " + stage)
        let answered = await #expect(throws: RecordError.self) {
            try await commands.run("review", ["answer", "bs/1", "1.1", "yes", "--actor", "e1", "--role", "city-expert", "--for", "region:410800",
                                              "--at", "2022-03-05T10:00:00+08:00"])
        }
        #expect(answered?.description == "refused: " + stage)
        #expect(commands.reviewed.store.logSize() == before)
    }
}

/// The field name an item's answers come back under, as the form names it.
enum FieldFormName {
    static func of(_ id: String) -> String {
        "i_" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
