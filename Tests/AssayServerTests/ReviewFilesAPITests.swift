import AssayCore
import AssayTestSupport
import Crypto
import Foundation
import GuidanceGroups
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("A review's files through the server: evidence by SHA-256, the field form, imported submissions")
struct ReviewFilesAPITests {
    /// `bytes` sent with PUT as `mediaType`; the status and the body's JSON.
    static func put(_ client: any TestClientProtocol, _ uri: String, token: String, bytes: [UInt8], mediaType: String) async throws -> (status: Int, body: [String: Any]) {
        let response = try await client.execute(uri: uri, method: .put, headers: [.authorization: "Bearer \(token)", .contentType: mediaType], body: ByteBuffer(bytes: bytes))
        return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test("a photo is stored once by its SHA-256 for the case; an answer may name only a stored file; whoever sees the case reads it back")
    func evidence() async throws {
        let fixture = try await ReviewAPITests.caseWithTeam()
        try await fixture.test { client in
            let commission = try await client.signIn("commission@410800")
            #expect(try await client.call(.post, "/cases/bs%2F1/groups", token: commission,
                                          json: #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-b"]}"#).status == 201)
            let a = try await client.signIn("city-expert-a")
            let photo = Array("JPEG bytes of the nursing records".utf8), hash = Self.sha256(photo)
            let size = try await fixture.store.logSize()

            let wrong = try await Self.put(client, "/cases/bs%2F1/evidence/\(Self.sha256([1, 2, 3]))", token: a, bytes: photo, mediaType: "image/jpeg")
            #expect(wrong.status == 400 && wrong.body["field"] as? String == "sha256")
            let auditor = try await client.signIn("auditor-1")
            #expect(try await Self.put(client, "/cases/bs%2F1/evidence/\(hash)", token: auditor, bytes: photo, mediaType: "image/jpeg").status == 403)
            let unstored = try await client.call(.post, "/cases/bs%2F1/answers", token: a, json: #"{"item":"2.8","value":"A","photos":["\#(hash)"]}"#)
            #expect(unstored.status == 422 && (unstored.body["detail"] as? String)?.contains("is not among the files of case bs/1") == true, "\(unstored.text)")

            let stored = try await Self.put(client, "/cases/bs%2F1/evidence/\(hash)", token: a, bytes: photo, mediaType: "image/jpeg")
            #expect(stored.status == 201 && stored.body["size"] as? Int == photo.count)
            #expect(try await Self.put(client, "/cases/bs%2F1/evidence/\(hash)", token: a, bytes: photo, mediaType: "image/jpeg").status == 200)
            #expect(try await client.call(.post, "/cases/bs%2F1/answers", token: a, json: #"{"item":"2.8","value":"A","photos":["\#(hash)"]}"#).status == 201)
            // Storing a file writes nothing to the history; the answer that names it does.
            #expect(try await fixture.store.logSize() == size + 1)

            let read = try await client.execute(uri: "/cases/bs%2F1/evidence/\(hash)", method: .get, headers: [.authorization: "Bearer \(try await client.signIn("staff@410883-002"))"])
            #expect(read.status == .ok && Array(buffer: read.body) == photo && read.headers[.contentType] == "image/jpeg")
            let outsider = try await client.signIn("staff@410882-001")
            #expect(try await client.call(.get, "/cases/bs%2F1/evidence/\(hash)", token: outsider).status == 403)
            #expect(try await client.call(.get, "/cases/bs%2F1/evidence/\(Self.sha256([9]))", token: a).status == 404)
        }
    }

    @Test("the group's field form downloads; an expert imports only its own submissions, every row checked first, photos found among the case's files by name")
    func fieldFormAndImport() async throws {
        let fixture = try await ReviewAPITests.caseWithTeam()
        try await fixture.test { client in
            let commission = try await client.signIn("commission@410800")
            let a = try await client.signIn("city-expert-a"), b = try await client.signIn("city-expert-b")
            #expect(try await client.call(.get, "/cases/bs%2F1/xlsform", token: a).status == 404)
            let formed = try await client.call(.post, "/cases/bs%2F1/groups", token: commission,
                                               json: #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-b"]}"#)
            let checklist = try #require(formed.body["checklistHash"] as? String)
            let form = try await client.execute(uri: "/cases/bs%2F1/xlsform", method: .get, headers: [.authorization: "Bearer \(a)"])
            #expect(form.status == .ok && Array(buffer: form.body).prefix(2) == [0x50, 0x4B], "an .xlsx is a zip")

            let export = "checklist,case,expert,i_2_8,i_2_8_photo\n\(checklist),bs/1,city-expert-b,B,1700000001.jpg\n"
            func importing(_ token: String) async throws -> (status: Int, body: [String: Any]) {
                let response = try await client.execute(uri: "/cases/bs%2F1/submissions", method: .post,
                                                        headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: export))
                return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            let size = try await fixture.store.logSize()
            let others = try await importing(a)
            #expect(others.status == 422 && (others.body["detail"] as? String)?.contains("row 2, column expert: the submission is by city-expert-b, who imports it") == true, "\(others.body)")
            let noPhoto = try await importing(b)
            #expect(noPhoto.status == 422 && (noPhoto.body["detail"] as? String)?.contains("row 2, column i_2_8_photo: the photo 1700000001.jpg is not among the files of case bs/1") == true, "\(noPhoto.body)")
            #expect(try await fixture.store.logSize() == size, "a refused import writes nothing")

            let photo = Array("the ward's nursing grades".utf8)
            #expect(try await Self.put(client, "/cases/bs%2F1/evidence/\(Self.sha256(photo))?name=1700000001.jpg", token: b, bytes: photo, mediaType: "image/jpeg").status == 201)
            let imported = try await importing(b)
            #expect(imported.status == 201 && imported.body["answers"] as? Int == 1 && imported.body["submissions"] as? Int == 1, "\(imported.body)")
            guard case .recorded(let record)? = try await fixture.store.events(of: "bs/1").last?.body else { Issue.record("no answer recorded"); return }
            let answer = try record.value.decode(as: ItemAnswer.self)
            #expect(record.by.id == "city-expert-b" && answer.item == "2.8" && answer.answer.evidence == [Evidence(kind: .photo, sha256: Self.sha256(photo))])
        }
    }
}
