import ArgumentParser
import AssayCore
import AssayStore
import Coordinators
import Foundation

/// `assay case open-many`: opens many cases at once, from a CSV or for every institution of
/// the latest directory the actor acts for, in one append: all of them, or none.
struct CaseOpenMany: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open-many",
        abstract: "Open many cases on a flow in one transaction, from a CSV or for the directory's institutions: all of them, or none.",
        discussion: """
            With --csv, a file with the columns `case` and `institution` (a header row first), one case a row. With --directory, a case \
            FLOW/INSTITUTION for every institution of the latest directory snapshot that the actor acts for and that has no such case yet. \
            Institutions are looked up in the latest directory snapshot (`assay directory import`). Every row is checked first: an \
            unknown institution, a case id given twice or already taken, or an institution the actor does not act for is an error \
            naming its row, and nothing is written.

            Examples:
              assay case open-many --csv cases.csv --flow basic-standard --at 2023-03-01T09:00 --actor commission@410800 --role city-coordinator --for region:410800
              assay case open-many --directory --flow basic-standard --actor commission@410000 --role province-coordinator --for region:410000
            """
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var time: TimeOptions

    @Option(help: "The flow the cases follow, such as basic-standard.")
    var flow: String

    @Option(help: "A CSV file with the columns case and institution.")
    var csv: String?

    @Flag(help: "Open a case FLOW/INSTITUTION for every institution of the latest directory the actor acts for that has none.")
    var directory = false

    @Option(help: "When the cases are opened, such as 2023-03-01T09:00 (in the --time-zone) or with its offset (default: now).")
    var at: String?

    func validate() throws {
        if (csv == nil) == !directory { throw ValidationError("give either --csv FILE or --directory") }
    }

    func run() async throws {
        let moment = try at.map(time.parse) ?? Timestamp(Date())
        let who = try actor.actor
        let engine = try await engineOptions.engine(.write)
        guard let (hash, snapshot) = try await DirectorySnapshots.latest(in: engine) else {
            throw CommandFailure.wrong("the store holds no directory snapshot; import one first (`assay directory import`)")
        }
        let listed = snapshot.listedInstitutions()
        var openings: [(id: CaseID, institution: Institution)] = []
        if let csv {
            openings = try Self.rows(of: csv, listed: listed, snapshot: String(hash.prefix(12)))
        } else {
            let existing = Set(try await engine.store.caseIDs())
            openings = listed.values.filter { who.covers($0) }.sorted { $0.id < $1.id }.map { (CaseID("\(flow)/\($0.id)"), $0) }
                .filter { !existing.contains($0.0) }
        }
        guard !openings.isEmpty else { throw CommandFailure.wrong("no case to open: \(csv.map { "\($0) has no rows" } ?? "every institution the actor acts for has a case on \(flow)")") }
        // A refusal (a TransitionError) is reported as the one sentence it is, exit 1, with nothing written.
        let states = try await engine.open(openings, flow: flow, by: who, at: moment.date)
        print("opened \(counted(states.count, "case")) on \(flow), directory \(hash.prefix(12))")
    }

    /// The openings a CSV file asks for, every row checked; an error names the row.
    static func rows(of path: String, listed: [String: Institution], snapshot: String) throws -> [(id: CaseID, institution: Institution)] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure.unreadable("cannot read \(path): \(error.localizedDescription)")
        }
        guard let rows = CSVTable.rows(text), let header = rows.first else { throw CommandFailure.wrong("\(path): not a CSV file (a quoted field never closes, or it is empty)") }
        guard let caseColumn = header.firstIndex(of: "case"), let institutionColumn = header.firstIndex(of: "institution") else {
            throw CommandFailure.wrong("\(path): row 1 must name the columns case and institution; it has \(header.joined(separator: ", "))")
        }
        return try rows.dropFirst().enumerated().map { index, row in
            let number = index + 2
            guard row.count > max(caseColumn, institutionColumn) else { throw CommandFailure.wrong("\(path): row \(number) has \(row.count) fields, fewer than the header's") }
            let id = row[caseColumn].trimmingCharacters(in: .whitespaces), institution = row[institutionColumn].trimmingCharacters(in: .whitespaces)
            guard let found = listed[institution] else {
                throw CommandFailure.wrong("\(path): row \(number), column institution: \(institution) is not listed with a name in directory snapshot \(snapshot)")
            }
            return (CaseID(id), found)
        }
    }
}
