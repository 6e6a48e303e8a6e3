import Accounts
import AssayCore
import AssayDemo
import AssayHistory
import Coordinators
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What a commission brings in and draws over HTTP: the directory, integrity records from CSV,
/// and the double-random draw.
@Suite("The commissions' files and draws through the server")
struct CoordinatorFilesAPITests {
    static func directoryJSON(_ files: Directory.Files) throws -> String {
        let fields = ["name": "jiaozuo-2022", "regions": files.regions, "institutions": files.institutions, "experts": files.experts,
                      "groups": files.groups, "conflicts": files.conflicts]
        return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    /// The demo's directory with one institution more, in county 410882.
    static var withNewInstitution: Directory.Files {
        var files = DemoDirectory.files
        files.institutions += (files.institutions.hasSuffix("\n") ? "" : "\n") + "410882-999,410882,新建卫生院,township-health-centre\n"
        return files
    }

    @Test("a commission changes only its own region's part of the directory; reaching outside it is a 403, a broken file a 400 by file, row and column; neither writes")
    func directoryImport() async throws {
        let fixture = try await CoordinatorAPITests.atOnsiteReview()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800"), other = try await client.signIn("commission@410700")
            let size = try await fixture.store.logSize()
            let outside = try await client.call(.post, "/directories", token: other, json: try Self.directoryJSON(Self.withNewInstitution))
            #expect(outside.status == 403 && outside.body["detail"] as? String == "the directory puts institution 410882-999 in county 410882, outside commission@410700's jurisdiction (region:410700); nothing was imported", "\(outside.text)")
            var dropped = DemoDirectory.files
            dropped.institutions = dropped.institutions.split(separator: "\n").filter { !$0.hasPrefix("410883-002,") }.joined(separator: "\n") + "\n"
            let county = try await client.signIn("commission@410883")
            let droppedOther = try await client.call(.post, "/directories", token: try await client.signIn("commission@410700"), json: try Self.directoryJSON(dropped))
            #expect(droppedOther.status == 403 && (droppedOther.body["detail"] as? String)?.contains("leaves out institution 410883-002 of county 410883") == true, "\(droppedOther.text)")
            #expect(try await client.call(.post, "/directories", token: county, json: try Self.directoryJSON(Self.withNewInstitution)).status == 403)
            var broken = DemoDirectory.files
            broken.institutions += "410883-999\n"
            let unreadable = try await client.call(.post, "/directories", token: city, json: try Self.directoryJSON(broken))
            #expect(unreadable.status == 400 && (unreadable.body["detail"] as? String)?.contains("institutions.csv: row ") == true, "\(unreadable.text)")
            #expect(try await fixture.store.logSize() == size)
            let expert = try await client.signIn("county-expert-1@410883")
            #expect(try await client.call(.post, "/directories", token: expert, json: try Self.directoryJSON(DemoDirectory.files)).status == 403)

            let imported = try await client.call(.post, "/directories", token: city, json: try Self.directoryJSON(Self.withNewInstitution))
            #expect(imported.status == 201 && (imported.body["institutions"] as? Int ?? 0) > 0, "\(imported.text.prefix(600))")
            let latest = try #require(try await DirectorySnapshots.latest(in: fixture.engine))
            #expect(latest.hash == imported.body["hash"] as? String)
        }
    }

    @Test("a commission imports integrity records about its region, all or none; a row about another region refuses the whole file")
    func integrityImport() async throws {
        let fixture = try await CoordinatorAPITests.atOnsiteReview()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800"), other = try await client.signIn("commission@410700")
            let header = "subject,kind,id,description,date,finding,institution,county,until,withdrawn,evidence"
            let records = "\(header)\ninstitution:410883-002,violation,V-9,虚报数据,2022-02-01,substantiated,,,,,\nexpert:county-expert-2@410883,conflict,C-9,曾在该院任职,2022-02-01,,410883-002,,,,\n"
            func importing(_ text: String, _ token: String) async throws -> (status: Int, text: String) {
                let response = try await client.execute(uri: "/integrity/imports", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                                                        body: ByteBuffer(string: text))
                return (Int(response.status.code), String(buffer: response.body))
            }
            let size = try await fixture.store.logSize()
            let bad = try await importing("\(header)\ninstitution:410883-002,violation,V-9,x,2022-02-30,pending,,,,,\n", city)
            #expect(bad.status == 400 && bad.text.contains("row 2, column date: the date is YYYY-MM-DD, not '2022-02-30'"), "\(bad.text)")
            let outside = try await importing(records, other)
            #expect(outside.status == 403 && outside.text.contains("nothing was imported"), "\(outside.text)")
            #expect(try await fixture.store.logSize() == size)
            let imported = try await importing(records, city)
            #expect(imported.status == 201 && imported.text.replacingOccurrences(of: " ", with: "").contains(#""records":2"#), "\(imported.text)")
            #expect(try await fixture.store.logSize() > size)
        }
    }

    @Test("a commission announces a draw within its region, runs it once a checkpoint covers the announcement, and anyone signed in verifies it")
    func draw() async throws {
        let fixture = try await CoordinatorAPITests.atOnsiteReview()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800"), other = try await client.signIn("commission@410700")
            let outside = try await client.call(.post, "/draws", token: other, json: #"{"id":"2022-Q3","targets":2,"region":"4108"}"#)
            #expect(outside.status == 403 && outside.body["type"] as? String == "/problems/jurisdiction")
            let expert = try await client.signIn("county-expert-1@410883")
            #expect(try await client.call(.post, "/draws", token: expert, json: #"{"id":"2022-Q3","targets":2}"#).status == 403)
            let announced = try await client.call(.post, "/draws", token: city, json: #"{"id":"2022-Q3","targets":2}"#)
            #expect(announced.status == 201 && announced.body["region"] as? String == "4108", "\(announced.text)")
            let twice = try await client.call(.post, "/draws", token: city, json: #"{"id":"2022-Q3","targets":2}"#)
            #expect(twice.status == 422 && twice.body["detail"] as? String == "draw 2022-Q3 was announced already; a draw is announced and run once")
            let early = try await client.call(.post, "/draws/2022-Q3/run", token: city)
            #expect(early.status == 422 && (early.body["detail"] as? String)?.hasPrefix("no signed checkpoint covers the announcement") == true, "\(early.text)")

            let size = try await fixture.store.logSize()
            let root = MerkleTree.root(try await LogReader.leafHashes(of: fixture.store, upTo: size)[...])
            try await fixture.store.add(try CheckpointKey().sign(number: 1, origin: "assay.test/draw", treeSize: size, rootHash: root, at: Timestamp(milliseconds: 1)))
            #expect(try await client.call(.post, "/draws/2022-Q3/run", token: other).status == 403)
            let run = try await client.call(.post, "/draws/2022-Q3/run", token: city)
            let inspections = try #require(run.body["inspections"] as? [[String: Any]], "\(run.text)")
            #expect(run.status == 201 && inspections.count == 2 && inspections.allSatisfy { ($0["inspectors"] as? [String])?.count == 2 })
            #expect(try await client.call(.post, "/draws/2022-Q3/run", token: city).status == 422)
            let verified = try await client.call(.get, "/draws/2022-Q3/verification", token: try await client.signIn("auditor-1"))
            #expect(verified.status == 200 && verified.body["verified"] as? Bool == true, "\(verified.text)")
            #expect(try await client.call(.get, "/draws/2022-Q4/verification", token: city).status == 422)
        }
    }
}
