import AssayCore
import Foundation

/// The pool a draw takes from: institutions (`institution_id, county_code`) and experts
/// (`expert_id, home_county, home_institution, level, specialties, capacity`), as the
/// directory files of `../shared/assignment/` lay them out.
public struct DrawPool {
    struct Expert {
        var id: String
        var homeCounty: String
        var homeInstitution: String
    }

    var institutions: [(id: String, county: String)]
    var experts: [Expert]
    var institutionsHash: String
    var expertsHash: String

    /// Reads both files; a missing column or a short row is named by file, row and column.
    init(institutions institutionsPath: String, experts expertsPath: String) throws {
        try self.init(institutions: Self.read(institutionsPath), named: institutionsPath, experts: Self.read(expertsPath), named: expertsPath)
    }

    /// The pool of a directory snapshot stored in the log.
    public init(_ files: Directory.Files, hash: String) throws {
        try self.init(institutions: files.institutions, named: "institutions.csv of directory \(hash.prefix(12))",
                      experts: files.experts, named: "experts.csv of directory \(hash.prefix(12))")
    }

    private init(institutions institutionsText: String, named institutionsName: String, experts expertsText: String, named expertsName: String) throws {
        let (institutionRows, institutionsHash) = try Self.table(institutionsText, named: institutionsName, columns: ["institution_id", "county_code"])
        let (expertRows, expertsHash) = try Self.table(expertsText, named: expertsName, columns: ["expert_id", "home_county", "home_institution"])
        institutions = institutionRows.map { ($0[0], $0[1]) }
        experts = expertRows.map { Expert(id: $0[0], homeCounty: $0[1], homeInstitution: $0[2]) }
        self.institutionsHash = institutionsHash
        self.expertsHash = expertsHash
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DrawError("cannot read \(path) as UTF-8 text")
        }
        return text
    }

    private static func table(_ text: String, named path: String, columns: [String]) throws -> (rows: [[String]], hash: String) {
        guard let table = CSVTable.rows(text), let header = table.first else { throw DrawError("\(path) is not CSV") }
        let positions = try columns.map { column in
            guard let position = header.firstIndex(of: column) else { throw DrawError("\(path): the header lacks the column \(column)") }
            return position
        }
        var rows: [[String]] = []
        for (offset, values) in table.dropFirst().enumerated() {
            var row: [String] = []
            for (column, position) in zip(columns, positions) {
                guard position < values.count else { throw DrawError("\(path): row \(offset + 2), column \(column): missing") }
                row.append(values[position])
            }
            guard !row[0].isEmpty else { throw DrawError("\(path): row \(offset + 2), column \(columns[0]): empty") }
            rows.append(row)
        }
        return (rows, DefinitionHash(canonicalBytes: Array(text.utf8)).hex)
    }

    /// The draw: targets from the institutions in `region`, sorted by id; for each, in draw
    /// order, inspectors from the experts sorted by id who are not from its county or the
    /// institution itself and not recused.
    func draw(_ announcement: DrawAnnouncement, stream: inout DrawStream) -> [DrawResult.Inspection] {
        let candidates = institutions.filter { $0.county.hasPrefix(announcement.region) }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let recused = Set(announcement.recusals)
        let sortedExperts = experts.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return stream.choose(announcement.targets, from: candidates).map { target in
            let eligible = sortedExperts.filter { expert in
                expert.homeCounty != target.county && expert.homeInstitution != target.id
                    && !recused.contains(expert.id) && !recused.contains("\(expert.id)@\(target.id)")
            }
            return DrawResult.Inspection(institution: target.id, inspectors: stream.choose(announcement.inspectors, from: eligible).map(\.id))
        }
    }
}

/// A draw that cannot be made or verified as asked.
struct DrawError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
