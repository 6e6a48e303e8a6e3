import AssayCore
import AssayHistory
import AssayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The auditor's reads over HTTP: they agree with the library's own checks, and only an
/// auditor or an operator reads the whole log.
@Suite("The auditor's reads")
struct AuditAPITests {
    /// The fixture's log with a signed checkpoint over it, then one more event and a second checkpoint.
    static func checkpointed(_ fixture: ServerFixture) async throws -> CheckpointKey {
        let key = CheckpointKey()
        for number in 1...2 {
            if number == 2 {
                try await fixture.engine.take("submit", on: "bs/1", by: Actor(id: "staff@410883-002", role: "institution", jurisdiction: .institution("410883-002")),
                                              inputs: ["self-assessment": "自评报告"], at: Date(timeIntervalSince1970: 1_646_096_500))
            }
            let size = try await fixture.store.logSize()
            let root = MerkleTree.root(try await LogReader.leafHashes(of: fixture.store, upTo: size)[...])
            try await fixture.store.add(try key.sign(number: number, origin: "assay.test/audit", treeSize: size, rootHash: root, at: Timestamp(milliseconds: Int64(number))))
        }
        return key
    }

    @Test("the status, the proofs and the export agree with the library: the proofs check with the log's key, the export imports into an empty store")
    func readsAgreeWithTheLibrary() async throws {
        let fixture = try await ServerFixture()
        let key = try await Self.checkpointed(fixture)
        let size = try await fixture.store.logSize()
        try await fixture.test { client in
            let token = try await client.signIn("auditor-1")
            let status = try await client.call(.get, "/log", token: token)
            #expect(status.body["size"] as? Int == size && status.body["checkpoints"] as? Int == 2)
            #expect(status.body["rootHash"] as? String == MerkleTree.root(try await LogReader.leafHashes(of: fixture.store, upTo: size)[...]).hex)

            let inclusion = try await client.call(.get, "/log/proofs/inclusion?position=2&checkpoint=2", token: token)
            #expect(inclusion.status == 200, "\(inclusion.text)")
            let proof = try JSONDecoder().decode(InclusionProof.self, from: Data(inclusion.text.utf8))
            #expect(throws: Never.self) { try proof.verify(trusting: TrustedKeys(publicKey: key.publicKey)) }
            #expect(throws: AuditError.self) { try proof.verify(trusting: TrustedKeys(publicKey: CheckpointKey().publicKey)) }
            // An event after the checkpoint is a 422 in the library's words; what the log lacks is a 404.
            let uncovered = try await client.call(.get, "/log/proofs/inclusion?position=\(size)&checkpoint=1", token: token)
            #expect(uncovered.status == 422 && uncovered.body["detail"] as? String == AuditError.eventNotCovered(position: size, treeSize: size - 1).description, "\(uncovered.text)")
            #expect(try await client.call(.get, "/log/proofs/inclusion?position=\(size + 1)&checkpoint=2", token: token).status == 404)
            #expect(try await client.call(.get, "/log/proofs/inclusion?position=2&checkpoint=3", token: token).status == 404)

            let consistency = try await client.call(.get, "/log/proofs/consistency?from=1&to=2", token: token)
            let extended = try JSONDecoder().decode(ConsistencyProof.self, from: Data(consistency.text.utf8))
            #expect(throws: Never.self) { try extended.verify(trusting: TrustedKeys(publicKey: key.publicKey)) }
            #expect(try await client.call(.get, "/log/proofs/consistency?from=2&to=1", token: token).status == 422)
            #expect(try await client.call(.get, "/log/proofs/consistency?from=1&to=3", token: token).status == 404)

            let export = try await client.call(.get, "/log/export", token: token)
            #expect(export.status == 200)
            let imported = InMemoryEventStore()
            #expect(try await LogExport.load(Data(export.text.utf8), into: imported) == size)
            #expect(try await imported.checkpoints().count == 2)
        }
    }

    @Test("verify and replay stream progress, then a report that finds the log sound; a case's replay gives its path")
    func verifyAndReplay() async throws {
        let fixture = try await ServerFixture()
        _ = try await Self.checkpointed(fixture)
        try await fixture.test { client in
            let token = try await client.signIn("operator-1")
            for (uri, verdict) in [("/log/verify", "valid"), ("/log/replay", "consistent")] {
                let response = try await client.call(.get, uri, token: token)
                let lines = response.text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                #expect(lines.dropLast().allSatisfy { $0?["type"] as? String == "progress" }, "\(response.text)")
                let report = try #require(lines.last ?? nil)
                #expect(report["type"] as? String == "report" && report[verdict] as? Bool == true, "\(response.text)")
            }
            let institution = try await client.signIn("staff@410883-002")
            let replay = try await client.call(.get, "/cases/bs%2F1/replay", token: institution)
            #expect(replay.body["consistent"] as? Bool == true && replay.body["path"] as? [String] == ["application", "initial-review"], "\(replay.text)")
        }
    }

    @Test("verify, replay of every case, export and inclusion proofs are an auditor's or an operator's: others get 403 naming the role")
    func wholeLogReadsAreAuditors() async throws {
        let fixture = try await ServerFixture()
        _ = try await Self.checkpointed(fixture)
        try await fixture.test { client in
            let expert = try await client.signIn("county-expert-1@410883")
            for uri in ["/log/verify", "/log/replay", "/log/export", "/log/proofs/inclusion?position=1&checkpoint=1"] {
                let refused = try await client.call(.get, uri, token: expert)
                #expect(refused.status == 403 && refused.body["type"] as? String == "/problems/role", "\(uri): \(refused.text)")
            }
            #expect(try await client.call(.get, "/log", token: expert).status == 200)
            #expect(try await client.call(.get, "/log/proofs/consistency?from=1&to=2", token: expert).status == 200)
            #expect(try await client.call(.get, "/log/verify").status == 401)
        }
    }
}
