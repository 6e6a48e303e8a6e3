import AssayTestSupport
import Foundation
import Testing

/// Opening many cases at once: from a CSV or for the directory's institutions, all in one
/// append, or none.
@Suite("assay case open-many")
struct CaseOpenManyTests {
    static let cityCommission = CaseCommandTests.cityCoordinator

    /// A store with the small directory of `CaseCommandTests` imported.
    static func folderWithDirectory() throws -> URL {
        let folder = try OperatorTests.emptyFolder()
        try CaseCommandTests.record(["directory", "import", try CaseCommandTests.directory(in: folder)] + cityCommission + ["--at", "2022-02-01T09:00:00+08:00"], in: folder)
        return folder
    }

    static func csv(_ text: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("cases.csv")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test("a CSV's cases are opened together; a bad row, a case given twice or already taken, or an institution outside the actor's reach writes nothing and names what")
    func fromCSV() throws {
        let folder = try Self.folderWithDirectory()
        let log = { try CaseCommandTests.assay(["verify"], in: folder).output }
        let before = try log()
        let refusals: [(text: String, actor: [String], words: String)] = [
            ("case,institution\nbs/1,410883-002\nbs/2,410883-999\n", Self.cityCommission, "error: \(folder.path)/cases.csv: row 3, column institution: 410883-999 is not listed with a name in directory snapshot"),
            ("case,institution\nbs/1,410883-002\nbs/1,X-1\n", Self.cityCommission, "error: case bs/1 already exists; choose another case id"),
            ("case,institution\nbs/1,410883-002\nbs/2,X-1\n", ["--actor", "commission@410883", "--role", "county-coordinator", "--for", "region:410883"],
             "error: commission@410883 (county-coordinator, county 410883) does not act for 示例卫生院 (410821)"),
            ("id,institution\nbs/1,410883-002\n", Self.cityCommission, "error: \(folder.path)/cases.csv: row 1 must name the columns case and institution; it has id, institution"),
        ]
        for (text, actor, words) in refusals {
            let result = try CaseCommandTests.assay(["case", "open-many", "--csv", try Self.csv(text, in: folder), "--flow", "basic-standard", "--at", "2022-03-01T09:00"] + actor, in: folder)
            #expect(result.status == 1 && result.errors.hasPrefix(words), "\(result.errors)")
            #expect(try log() == before, "a refusal writes nothing")
        }
        let opened = try CaseCommandTests.assay(["case", "open-many", "--csv", try Self.csv("case,institution\nbs/1,410883-002\nbs/2,X-1\n", in: folder),
                                                 "--flow", "basic-standard", "--at", "2022-03-01T09:00"] + Self.cityCommission, in: folder)
        #expect(opened.status == 0 && opened.output.hasPrefix("opened 2 cases on basic-standard, directory "), "\(opened.errors)")
        let listed = try CaseCommandTests.assay(["case", "list"], in: folder).output
        #expect(listed.contains("bs/1  application  会昌社区卫生服务中心") && listed.contains("bs/2  application  示例卫生院"), "\(listed)")
        let again = try CaseCommandTests.assay(["case", "open-many", "--csv", try Self.csv("case,institution\nbs/3,X-1\nbs/2,X-1\n", in: folder),
                                                "--flow", "basic-standard", "--at", "2022-03-01T09:00"] + Self.cityCommission, in: folder)
        #expect(again.status == 1 && again.errors == "error: case bs/2 already exists; choose another case id\n", "\(again.errors)")
        #expect(!(try CaseCommandTests.assay(["case", "list"], in: folder).output.contains("bs/3")), "the batch is all or nothing")
    }

    @Test("--directory opens FLOW/INSTITUTION for every institution the actor acts for that has none, and then has nothing to open")
    func fromDirectory() throws {
        let folder = try Self.folderWithDirectory()
        let county = ["--actor", "commission@410883", "--role", "county-coordinator", "--for", "region:410883"]
        let first = try CaseCommandTests.assay(["case", "open-many", "--directory", "--flow", "basic-standard", "--at", "2022-03-01T09:00"] + county, in: folder)
        #expect(first.status == 0 && first.output.hasPrefix("opened 1 case on basic-standard"), "\(first.errors)")
        let city = try CaseCommandTests.assay(["case", "open-many", "--directory", "--flow", "basic-standard", "--at", "2022-03-01T09:00"] + Self.cityCommission, in: folder)
        #expect(city.status == 0 && city.output.hasPrefix("opened 1 case on basic-standard"), "the city opens the one its county did not: \(city.errors)")
        let listed = try CaseCommandTests.assay(["case", "list"], in: folder).output
        #expect(listed.contains("basic-standard/410883-002") && listed.contains("basic-standard/X-1"), "\(listed)")
        let none = try CaseCommandTests.assay(["case", "open-many", "--directory", "--flow", "basic-standard"] + Self.cityCommission, in: folder)
        #expect(none.status == 1 && none.errors == "error: no case to open: every institution the actor acts for has a case on basic-standard\n", "\(none.errors)")
        let neither = try CaseCommandTests.assay(["case", "open-many", "--flow", "basic-standard"] + Self.cityCommission, in: folder)
        #expect(neither.status == 2 && neither.errors.hasPrefix("error: give either --csv FILE or --directory"), "\(neither.errors)")
    }
}
