import Accounts
import AssayCore
import AssayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The server's API")
struct ServerAPITests {
    @Test("health answers without an account, and /openapi.yaml is the committed document")
    func healthAndDocument() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            #expect(try await client.call(.get, "/health/live").status == 200)
            let ready = try await client.call(.get, "/health/ready")
            #expect(ready.status == 200 && ready.body["status"] as? String == "ready")
            let document = try await client.call(.get, "/openapi.yaml")
            #expect(document.status == 200)
            #expect(document.text == (try AssayServer.document()))
            #expect(document.text.hasPrefix("openapi: 3.1.0\n"))
        }
    }

    @Test("a wrong password, an unknown account and a disabled one get the same answer; the sixth failure in a window is 429 with Retry-After")
    func signInFailuresLookAlike() async throws {
        let fixture = try await ServerFixture()
        try await fixture.administration.disable("staff@410882-001", reason: "left the centre", by: Actor(id: "operator", role: "operator", jurisdiction: .system), at: Date(timeIntervalSince1970: 1_646_096_400))
        try await fixture.test { client in
            let wrong = try await client.call(.post, "/sessions", json: #"{"account":"auditor-1","password":"not-the-password"}"#)
            let unknown = try await client.call(.post, "/sessions", json: #"{"account":"nobody","password":"not-the-password"}"#)
            let disabled = try await client.call(.post, "/sessions", json: #"{"account":"staff@410882-001","password":"password-of-staff@410882-001"}"#)
            #expect(wrong.status == 401 && unknown.status == 401 && disabled.status == 401)
            #expect(wrong.text == unknown.text && unknown.text == disabled.text)
            #expect(wrong.body["detail"] as? String == "the account or the password is wrong")
            for _ in 2...5 { #expect(try await client.call(.post, "/sessions", json: #"{"account":"auditor-1","password":"not-the-password"}"#).status == 401) }
            let throttled = try await client.execute(uri: "/sessions", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(string: #"{"account":"auditor-1","password":"password-of-auditor-1"}"#))
            #expect(throttled.status.code == 429)
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
            fixture.advance(16 * 60)
            #expect(try await client.signIn("auditor-1").count > 20)
        }
    }

    @Test("a session works until sign-out, and ends when idle too long or when its account is disabled")
    func sessionsEnd() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            #expect(try await client.call(.get, "/me").status == 401)
            let token = try await client.signIn("auditor-1")
            let me = try await client.call(.get, "/me", token: token)
            #expect(me.status == 200 && me.body["role"] as? String == "auditor" && me.body["for"] as? String == "all")
            #expect(try await client.call(.delete, "/sessions/current", token: token).status == 204)
            #expect(try await client.call(.get, "/me", token: token).status == 401)

            let idle = try await client.signIn("auditor-1")
            fixture.advance(31 * 60)
            #expect(try await client.call(.get, "/me", token: idle).status == 401)

            let active = try await client.signIn("staff@410883-002")
            #expect(try await client.call(.get, "/me", token: active).status == 200)
            try await fixture.administration.disable("staff@410883-002", reason: "r", by: Actor(id: "operator", role: "operator", jurisdiction: .system), at: Date(timeIntervalSince1970: 1_646_096_500))
            #expect(try await client.call(.get, "/me", token: active).status == 401)
        }
    }

    @Test("who sees a case: its institution and commissions or experts over its region, the auditor; others get 403 naming the jurisdiction")
    func visibility() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            for (account, status) in [("staff@410883-002", 200), ("county-expert-1@410883", 200), ("auditor-1", 200),
                                      ("staff@410882-001", 403), ("county-expert-1@410882", 403)] {
                let token = try await client.signIn(account)
                let shown = try await client.call(.get, "/cases/bs%2F1", token: token)
                #expect(shown.status == status, "\(account): \(shown.text)")
                let listed = try await client.call(.get, "/cases", token: token)
                #expect((listed.body["cases"] as? [[String: Any]])?.count == (status == 200 ? 1 : 0), "\(account)")
                if status == 403 { #expect(shown.body["type"] as? String == "/problems/jurisdiction") }
            }
            let token = try await client.signIn("auditor-1")
            #expect(try await client.call(.get, "/cases/bs%2F2", token: token).status == 404)
            #expect(try await client.call(.get, "/cases/bs%2F1").status == 401)
        }
    }

    @Test("take acts as the session's account at the version read: stale is 409 with the current version, refused is 422 in the rules' words, and neither writes")
    func takeAnAction() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let staff = try await client.signIn("staff@410883-002")
            let size = try await fixture.store.logSize()
            let stale = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: staff, json: #"{"expectedVersion":7,"inputs":{"self-assessment":"自评达标"}}"#)
            #expect(stale.status == 409)
            #expect(stale.body["currentVersion"] as? Int == 1)
            let missing = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: staff, json: #"{"expectedVersion":1}"#)
            #expect(missing.status == 400 && missing.body["field"] as? String == "self-assessment", "\(missing.text)")
            let malformed = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: staff, json: #"{"expectedVersion":"one"}"#)
            #expect(malformed.status == 400, "\(malformed.text)")
            let auditor = try await client.signIn("auditor-1")
            let reading = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: auditor, json: #"{"expectedVersion":1,"inputs":{"self-assessment":"s"}}"#)
            #expect(reading.status == 403 && (reading.body["detail"] as? String)?.contains("an auditor, who reads and writes nothing") == true)
            #expect(try await fixture.store.logSize() == size)

            let taken = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: staff, json: #"{"expectedVersion":1,"inputs":{"self-assessment":"自评达标"}}"#)
            #expect(taken.status == 200, "\(taken.text)")
            #expect(taken.body["stage"] as? String == "initial-review" && taken.body["version"] as? Int == 2)
            let events = try await fixture.store.events(of: "bs/1")
            guard case .actionTaken(let action)? = events.last?.body else { Issue.record("no action"); return }
            #expect(action.actor == Actor(id: "staff@410883-002", role: "institution", jurisdiction: .institution("410883-002")))

            let expert = try await client.signIn("county-expert-1@410883")
            let refused = try await client.call(.post, "/cases/bs%2F1/actions/initial-pass", token: expert, json: #"{"expectedVersion":2,"inputs":{"decision":"fail"}}"#)
            #expect(refused.status == 422)
            #expect(refused.body["detail"] as? String == "refused: action 'initial-pass' is not allowed: decision-is-pass failed: the decision is fail, not pass")
            let outsider = try await client.signIn("staff@410882-001")
            #expect(try await client.call(.post, "/cases/bs%2F1/actions/withdraw", token: outsider, json: #"{"expectedVersion":2}"#).status == 403)
            #expect(try await fixture.store.logSize() == size + 1)

            let history = try await client.call(.get, "/cases/bs%2F1/history", token: expert)
            let lines = history.body["events"] as? [[String: Any]]
            #expect(lines?.count == 2 && lines?.last?["summary"] as? String == "took submit: application → initial-review")
        }
    }

    @Test("tick is the operator's; a request the document cannot read is a 400 problem, never a 5xx")
    func operatorAndBadInput() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let staff = try await client.signIn("staff@410883-002")
            #expect(try await client.call(.post, "/tick", token: staff).status == 403)
            let operatorToken = try await client.signIn("operator-1")
            let tick = try await client.call(.post, "/tick", token: operatorToken)
            #expect(tick.status == 200 && (tick.body["taken"] as? [Any])?.isEmpty == true)
            let garbage = try await client.call(.post, "/sessions", json: "{not json")
            #expect(garbage.status == 400 && garbage.text.contains("\"status\""), "\(garbage.text)")
            let limit = try await client.call(.get, "/cases?limit=0", token: staff)
            #expect(limit.status == 400, "\(limit.text)")
            #expect(try await client.call(.get, "/nowhere", token: staff).status == 404)
        }
    }
}

@Suite("The server's limits")
struct ServerLimitTests {
    @Test("a body over the limit is a 413 problem and writes nothing")
    func bodyLimit() async throws {
        let fixture = try await ServerFixture()
        var server = fixture.server
        server.maximumBody = 256
        let size = try await fixture.store.logSize()
        try await ServerFixture.application(server).test(.router) { client in
            let token = try await client.signIn("staff@410883-002")
            let note = String(repeating: "自评", count: 200)
            let large = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: token, json: #"{"expectedVersion":1,"inputs":{"self-assessment":"\#(note)"}}"#)
            #expect(large.status == 413 && large.body["type"] as? String == "/problems/too-large", "\(large.text)")
        }
        #expect(try await fixture.store.logSize() == size)
    }
}
