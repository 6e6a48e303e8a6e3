import Accounts
import AssayCore
import Foundation
import Hummingbird
import Mustache

/// The server's pages: HTML rendered from the templates of `Pages/Templates`, for the people
/// the API serves — the expert's checklist, the coordinator's dashboard, the institution's
/// case, the auditor's history. Each page reads through the library and writes through the
/// API's own operations (`AssayAPI`), so a page may do exactly what the API lets its account do.
struct Pages: Sendable {
    let api: AssayAPI
    let templates: MustacheLibrary
    let assets: PageAssets

    init(api: AssayAPI) throws {
        self.api = api
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else { throw ServerSetupError.resourceMissing("page templates") }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
            try library.register(String(contentsOf: file, encoding: .utf8), named: file.deletingPathExtension().lastPathComponent)
        }
        templates = library
        assets = try PageAssets()
    }

    /// Adds the pages' routes, all under `/app`, and `/` leading to them.
    func register(on router: Router<AssayRequestContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/app", type: .normal) }
        let app = router.group("/app").add(middleware: PageInterruption.Middleware(pages: self))
        assets.register(on: app)
        registerSignIn(on: app)
        registerHome(on: app)
        registerCase(on: app)
        registerCaseForms(on: app)
        registerChecklist(on: app)
        registerGroup(on: app)
        registerHistory(on: app)
        registerLog(on: app)
        registerReport(on: app)
        registerAssignments(on: app)
        registerDraws(on: app)
        registerRegistration(on: app)
        registerIntegrity(on: app)
    }

    /// Where the pages' routes are registered: under `/app`, interruptions turned into pages.
    typealias Routes = RouterGroup<AssayRequestContext>

    // MARK: Rendering

    /// The page `template` shows `content` in, inside the frame every page shares.
    struct Frame {
        var lang: String
        var title: String
        var t: [String: String]
        var viewer: Viewer?
        var csrf: String?
        var english: Bool
        var utc: Bool
        var content: Any
    }

    /// The signed-in reader as the frame shows them, with what their role may open.
    struct Viewer {
        var id: String
        var role: String
        var links: [Link]
    }

    struct Link {
        var href: String
        var label: String
    }

    /// Who is reading: the account, its session's CSRF token and its preferences.
    struct Reader {
        var account: AccountsState.Account?
        var csrf: String?
        var preferences: PagePreferences

        init(_ request: Request) {
            account = SignedIn.current?.account
            csrf = account == nil ? nil : SessionCookie.token(in: request.headers).map(SessionToken.csrf)
            preferences = PagePreferences(request.headers)
        }

        /// A reader not signed in, with these preferences.
        init(preferences: PagePreferences) {
            self.preferences = preferences
        }

        var language: PagePreferences.Language { preferences.language }
        func t(_ key: String) -> String { PageText.phrase(key, language) }
        func show(_ date: Date) -> String { preferences.show(date) }
        func show(_ timestamp: Timestamp) -> String { preferences.show(timestamp.date) }
        func text(_ localized: LocalizedText) -> String { language == .zh ? localized.zh : localized.en }
    }

    /// An HTML page.
    func page(_ template: String, title: String, _ content: Any, for reader: Reader, status: HTTPResponse.Status = .ok) -> Response {
        let viewer = reader.account.map { account in
            Viewer(id: account.id, role: account.role, links: links(for: account, reader))
        }
        let frame = Frame(lang: reader.preferences.htmlLanguage, title: title, t: PageText.phrases(reader.language), viewer: viewer, csrf: reader.csrf,
                          english: reader.language == .en, utc: reader.preferences.zone == .utc, content: content)
        let html = templates.render(frame, withTemplate: template) ?? "template \(template) is missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page a refusal is: its status and the rule's words.
    func problemPage(_ problem: Problem, for reader: Reader) -> Response {
        let key = problem.status == 403 ? "forbidden" : problem.status == 404 ? "notFound" : "problem"
        return page("problem", title: reader.t(key), ProblemView(heading: reader.t(key), detail: problem.detail, status: problem.status), for: reader,
                    status: HTTPResponse.Status(code: problem.status))
    }

    struct ProblemView {
        var heading: String
        var detail: String
        var status: Int
    }

    /// What a role's pages are: each role sees only what it may do.
    func links(for account: AccountsState.Account, _ reader: Reader) -> [Link] {
        var links = [Link(href: "/app", label: reader.t("home"))]
        if AssayAPI.commissionLevel(account) != nil {
            links += [Link(href: "/app/assignments", label: reader.t("assignments")), Link(href: "/app/draws", label: reader.t("draw")),
                      Link(href: "/app/registration", label: reader.t("registration")), Link(href: "/app/integrity", label: reader.t("integrity")),
                      Link(href: "/app/report", label: reader.t("report"))]
        }
        if AccountRole.serverRoles.contains(account.role) {
            links += [Link(href: "/app/log", label: reader.t("log")), Link(href: "/app/integrity", label: reader.t("integrity")), Link(href: "/app/report", label: reader.t("report"))]
        }
        return links
    }

    // MARK: Requests

    /// The reader of a page that needs a session (signing in first when there is none).
    func signedIn(_ request: Request) throws -> Reader {
        let reader = Reader(request)
        guard reader.account != nil else { throw PageInterruption.signInFirst }
        return reader
    }

    /// The signed-in reader and the case the path names, or the 403 or 404 the API would have
    /// answered with.
    func visibleCase(_ request: Request, _ context: AssayRequestContext) async throws -> (Reader, CaseState) {
        let reader = try signedIn(request)
        switch try await api.visibleCase(Self.caseID(context), to: reader.account!) {
        case .failure(let problem): throw PageInterruption.refused(problem)
        case .success(let state): return (reader, state)
        }
    }

    /// A form sent by a signed-in reader, once its CSRF token (the `_csrf` field, or the
    /// `X-CSRF-Token` header a page's script sends) is the session's.
    func form(_ request: Request, reader: Reader, limit: Int = 1 << 20) async throws -> FormBody {
        let form = try await FormBody.read(request, limit: limit)
        guard let csrf = reader.csrf, form["_csrf"] == csrf || request.headers[.xCSRFToken] == csrf else {
            throw PageInterruption.refused(.forbidden("csrf", "this form is stale or came from elsewhere; open the page again and resend it"))
        }
        return form
    }

    /// Goes on when an API operation's output is a success; its problem is the page otherwise.
    func check(_ output: Any) throws {
        if let problem = OperationProblem.find(in: output) { throw PageInterruption.refused(problem) }
    }

    /// The case a path names (`/app/cases/{caseID}/…`, the id percent-encoded).
    static func caseID(_ context: AssayRequestContext) -> String {
        let raw = context.parameters.get("caseID") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// A case's page path, with its id encoded as one path segment.
    static func path(of caseID: String, _ tail: String = "") -> String {
        "/app/cases/\(segment(caseID))\(tail)"
    }

    /// `text` as one path segment (a case id's `/` as `%2F`).
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? text
    }

    /// The way back to a page after a form was handled.
    static func seeOther(_ location: String) -> Response {
        Response.redirect(to: location, type: .normal)
    }
}
