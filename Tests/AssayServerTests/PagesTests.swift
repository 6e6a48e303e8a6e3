import AssayCore
import AssayHistory
@testable import AssayServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages' own rules, below the browser: who may open what, the forms' CSRF tokens, the
/// security headers, an answer sent twice landing once, and the reader's language and time zone.
@Suite("The pages")
struct PagesTests {
    @Test("every response carries the security headers: a CSP allowing only the server's own scripts and no framing, and nosniff")
    func securityHeaders() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            for uri in ["/app/sign-in", "/health/live", "/app/assets/app.css"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "\(uri): \(policy)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
            }
        }
    }

    @Test("a page needs a session: without one it leads to the sign-in page and back; a sign-in form without its own token is refused and starts no session")
    func signInFirst() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            var browser = PageBrowser()
            let home = try await browser.get("/app/cases/bs%2F1", client)
            #expect(home.status == 302 && home.response.headers[.location] == "/app/sign-in?next=%2Fapp%2Fcases%2Fbs%252F1")
            let forged = try await browser.post("/app/sign-in", [("account", "auditor-1"), ("password", "password-of-auditor-1")], client)
            #expect(forged.status == 403 && browser.cookies["assay-session"] == nil)
            _ = try await browser.get("/app/sign-in", client)
            let wrong = try await browser.post("/app/sign-in", [("_sign_in", browser.cookies["assay-sign-in"]!), ("account", "auditor-1"), ("password", "nope")], client)
            #expect(wrong.status == 401 && wrong.text.contains("账号或密码错误") && browser.cookies["assay-session"] == nil)
            try await browser.signIn("auditor-1", client)
            #expect(try await browser.get("/app", client).status == 200)
        }
    }

    @Test("an institution opening another institution's case gets the 403 page in the API's words, and its checklist too")
    func institutionKeptOut() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("staff@410882-001", client)
            for uri in ["/app/cases/bs%2F1", "/app/cases/bs%2F1/checklist", "/app/cases/bs%2F1/history"] {
                let page = try await browser.get(uri, client)
                #expect(page.status == 403 && page.text.contains("<h1>无权访问 (403)</h1>") && page.text.contains("outside staff@410882-001&#39;s jurisdiction"), "\(uri): \(page.text.prefix(400))")
            }
            var owner = PageBrowser()
            try await owner.signIn("staff@410883-002", client)
            let own = try await owner.get("/app/cases/bs%2F1", client)
            #expect(own.status == 200 && own.text.contains("会昌社区卫生服务中心") && own.text.contains("submit → initial-review"))
        }
    }

    @Test("a form without the session's CSRF token is 403 and writes nothing; with it the action is taken")
    func formsNeedTheirToken() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("staff@410883-002", client)
            let page = try await browser.get("/app/cases/bs%2F1", client)
            let size = try await fixture.store.logSize()
            let forged = try await browser.post("/app/cases/bs%2F1/actions/submit", [("input.self-assessment", "自评达标")], client)
            #expect(forged.status == 403 && forged.text.contains("this form is stale or came from elsewhere"))
            let stale = try await browser.post("/app/cases/bs%2F1/actions/submit", [("_csrf", "not-the-token"), ("input.self-assessment", "自评达标")], client)
            #expect(stale.status == 403)
            #expect(try await fixture.store.logSize() == size)
            let taken = try await browser.post("/app/cases/bs%2F1/actions/submit", [("_csrf", try PageBrowser.csrf(in: page.text)), ("input.self-assessment", "自评达标")], client)
            #expect(taken.status == 303 && taken.response.headers[.location] == "/app/cases/bs%2F1?done=submit")
            #expect(try await fixture.engine.state(of: "bs/1").stage == "initial-review")
        }
    }

    @Test("an expert's answer sent twice from the checklist (its reply lost) is one answer; a changed one is recorded; the rules' refusal is the page's 422")
    func answerOnce() async throws {
        let fixture = try await ReviewAPITests.caseWithTeam()
        try await fixture.test { client in
            let commission = try await client.signIn("commission@410800")
            let formed = try await client.call(.post, "/cases/bs%2F1/groups", token: commission,
                                               json: #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-b"]}"#)
            #expect(formed.status == 201)
            var browser = PageBrowser()
            try await browser.signIn("city-expert-a", client)
            let page = try await browser.get("/app/cases/bs%2F1/checklist", client)
            #expect(page.status == 200 && page.text.contains(#"id="item-2-8""#), "\(page.text.prefix(300))")
            let csrf = try PageBrowser.csrf(in: page.text)
            let size = try await fixture.store.logSize()
            let answer = [("_csrf", csrf), ("item", "2.8"), ("value", "B"), ("note", "抽查病区")]
            let first = try await browser.post("/app/cases/bs%2F1/checklist/answers", answer, client)
            let again = try await browser.post("/app/cases/bs%2F1/checklist/answers", answer, client)
            #expect(first.status == 303 && again.status == 303)
            #expect(try await fixture.store.logSize() == size + 1, "the same answer twice is one answer")
            _ = try await browser.post("/app/cases/bs%2F1/checklist/answers", [("_csrf", csrf), ("item", "2.8"), ("value", "A")], client)
            #expect(try await fixture.store.logSize() == size + 2, "a changed answer is recorded")
            let refused = try await browser.post("/app/cases/bs%2F1/checklist/answers", [("_csrf", csrf), ("item", "2.8"), ("value", "Z")], client)
            #expect(refused.status == 422 && refused.text.contains("item 2.8 is answered"), "\(refused.text)")
            let scored = try await browser.get("/app/cases/bs%2F1/checklist", client)
            #expect(scored.text.contains(#"<span id="answered">1</span>"#), "the running score counts the answered item")

            var outsider = PageBrowser()
            try await outsider.signIn("city-expert-c", client)
            let notMember = try await outsider.get("/app/cases/bs%2F1/checklist", client)
            #expect(notMember.status == 403 && notMember.text.contains("city-expert-c is not in the group of case bs/1"))
        }
    }

    @Test("pages are in Chinese with times in China Standard Time unless the reader chooses English or UTC")
    func languageAndTimeZone() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("staff@410883-002", client)
            let chinese = try await browser.get("/app/cases/bs%2F1", client)
            #expect(chinese.text.contains(#"<html lang="zh-CN">"#) && chinese.text.contains("<h1>案件 bs/1</h1>") && chinese.text.contains("2022-03-01 09:00 CST"), "\(chinese.text)")
            let csrf = try PageBrowser.csrf(in: chinese.text)
            let chosen = try await browser.post("/app/preferences", [("_csrf", csrf), ("language", "en"), ("zone", "utc"), ("next", "/app/cases/bs%2F1")], client)
            #expect(chosen.status == 303)
            let english = try await browser.get("/app/cases/bs%2F1", client)
            #expect(english.text.contains(#"<html lang="en">"#) && english.text.contains("<h1>Case bs/1</h1>") && english.text.contains("2022-03-01 01:00 UTC"), "\(english.text)")
        }
    }

    @Test("the log page names the witnesses whose cosignatures of the latest checkpoint verify, and says when none has cosigned it")
    func logPageWitnesses() async throws {
        let fixture = try await ServerFixture()
        _ = try await AuditAPITests.checkpointed(fixture)
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("auditor-1", client)
            let uncosigned = try await browser.get("/app/log", client)
            #expect(uncosigned.text.contains("尚无见证方联署此检查点。"), "\(uncosigned.text)")
        }
        let latest = try #require(try await fixture.store.checkpoints().last)
        let body = try #require(latest.noteBody)
        let forged = Cosignature(name: "witness.forged.example/w", publicKey: CheckpointKey().publicKey, time: 1, signature: String(repeating: "0", count: 128))
        try await fixture.store.add([try CheckpointKey().cosign(body: body, as: "witness.henan.example/province", at: 1), forged], toCheckpoint: latest.number)
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("auditor-1", client)
            let cosigned = try await browser.get("/app/log", client)
            #expect(cosigned.text.contains(#"见证方联署: <span class="cosigner">witness.henan.example/province</span>"#), "\(cosigned.text)")
            #expect(!cosigned.text.contains(#"<span class="cosigner">witness.forged.example/w"#))
        }
    }

    @Test("every phrase a template names is in the phrase table, in Chinese and in English")
    func phrases() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/AssayServer/Pages/Templates").standardized
        let files = try FileManager.default.contentsOfDirectory(at: templates, includingPropertiesForKeys: nil).filter { $0.pathExtension == "mustache" }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([A-Za-z.\-]+)\}\}/) {
                let key = String(match.1)
                let entry = PageText.table[key]
                #expect(entry != nil && entry?.zh.isEmpty == false && entry?.en.isEmpty == false, "\(file.lastPathComponent) names t.\(key)")
            }
        }
    }
}
