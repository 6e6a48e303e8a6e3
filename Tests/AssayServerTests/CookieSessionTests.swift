import AssayServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages' sessions: the cookie a sign-in sets, the CSRF token a change made with it needs,
/// and the per-address limit on failed sign-ins.
@Suite("Cookie sessions, CSRF and the per-address sign-in limit")
struct CookieSessionTests {
    @Test("a sign-in sets an HttpOnly, SameSite=Strict cookie; the cookie reads, a change with it needs X-CSRF-Token or is 403 and writes nothing; sign-out expires it")
    func cookieSession() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let signIn = try await client.execute(uri: "/sessions", method: .post, headers: [.contentType: "application/json"],
                                                  body: ByteBuffer(string: #"{"account":"staff@410883-002","password":"password-of-staff@410883-002"}"#))
            #expect(signIn.status == .created)
            let setCookie = try #require(signIn.headers[.setCookie])
            let attributes = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict") && attributes.contains("Path=/"))
            #expect(!attributes.contains("Secure"), "served without TLS, the cookie cannot be Secure")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: signIn.body)) as? [String: Any])
            let token = try #require(body["token"] as? String), csrf = try #require(body["csrfToken"] as? String)
            #expect(attributes.first == "assay-session=\(token)")
            #expect(csrf != token)
            let cookie: HTTPFields = [.cookie: "theme=dark; assay-session=\(token)"]

            let me = try await client.execute(uri: "/me", method: .get, headers: cookie)
            #expect(me.status == .ok && String(buffer: me.body).contains("staff@410883-002"))

            var json = cookie
            json[.contentType] = "application/json"
            let submit = ByteBuffer(string: #"{"expectedVersion":1,"inputs":{"self-assessment":"自评报告"}}"#)
            let size = try await fixture.store.logSize()
            for forged in [nil, "not-the-token", token] {
                var headers = json
                if let forged { headers[HTTPField.Name("X-CSRF-Token")!] = forged }
                let refused = try await client.execute(uri: "/cases/bs%2F1/actions/submit", method: .post, headers: headers, body: submit)
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: refused.body)) as? [String: Any]
                #expect(refused.status == .forbidden && problem?["type"] as? String == "/problems/csrf", "\(String(buffer: refused.body))")
            }
            #expect(try await fixture.store.logSize() == size)

            json[HTTPField.Name("X-CSRF-Token")!] = csrf
            let submitted = try await client.execute(uri: "/cases/bs%2F1/actions/submit", method: .post, headers: json, body: submit)
            #expect(submitted.status == .ok, "\(String(buffer: submitted.body))")
            #expect(try await fixture.store.logSize() == size + 1)

            let signOut = try await client.execute(uri: "/sessions/current", method: .delete, headers: json)
            #expect(signOut.status == .noContent)
            #expect(signOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.execute(uri: "/me", method: .get, headers: cookie).status == .unauthorized)
        }
    }

    @Test("a bearer token needs no CSRF token: no browser sends it by itself")
    func bearerNeedsNoCSRFToken() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let token = try await client.signIn("staff@410883-002")
            let submitted = try await client.call(.post, "/cases/bs%2F1/actions/submit", token: token, json: #"{"expectedVersion":1,"inputs":{"self-assessment":"自评报告"}}"#)
            #expect(submitted.status == 200, "\(submitted.text)")
        }
    }

    @Test("an address that fails twenty sign-ins in a window, across accounts, is refused (429) even for an account it has not tried; another address is not")
    func perAddressLimit() async throws {
        let fixture = try await ServerFixture()
        var server = fixture.server
        server.trustsForwardedFor = true
        try await ServerFixture.application(server).test(.router) { client async throws in
            // Four failures each at five accounts: no account reaches its own limit of five.
            for account in ["nobody-1", "nobody-2", "nobody-3", "nobody-4", "nobody-5"] {
                for _ in 1...4 { #expect(try await client.signIn(account, "guess", from: "203.0.113.7") == .unauthorized) }
            }
            #expect(try await client.signIn("auditor-1", "password-of-auditor-1", from: "203.0.113.7") == .tooManyRequests)
            #expect(try await client.signIn("auditor-1", "password-of-auditor-1", from: "198.51.100.2") == .created)
        }
    }
}

extension TestClientProtocol {
    /// A sign-in through a proxy that forwards it from `address`; the status.
    func signIn(_ account: String, _ password: String, from address: String) async throws -> HTTPResponse.Status {
        try await execute(uri: "/sessions", method: .post, headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "10.0.0.9, \(address)"],
                          body: ByteBuffer(string: #"{"account":"\#(account)","password":"\#(password)"}"#)).status
    }
}
