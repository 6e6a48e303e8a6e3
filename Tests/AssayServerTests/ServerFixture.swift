import Accounts
import AssayCore
import AssayDemo
import AssayServer
import AssayStore
import AssayTestSupport
import Coordinators
import Foundation
import GuidanceGroups
import Hummingbird
import HummingbirdTesting
import IntegrityRecords
import Logging
import RegistrationAudit
import Testing

/// A server on a fresh SQLite store with the shipped flows and every plugin: one case of
/// 会昌社区卫生服务中心 at application, its registration audited, and an account for each
/// role a test needs (each with the password `password-of-ID`), on a clock the test moves.
final class ServerFixture: @unchecked Sendable {
    let store: any EventStore
    let engine: Engine
    let server: AssayServer
    let administration: AccountAdministration
    private let moment = Moment()

    static let institution = Jiaozuo.institutions.first { $0.id == "410883-002" }!
    static let accounts: [(id: String, role: String, for: String)] = [
        ("staff@410883-002", "institution", "institution:410883-002"),
        ("staff@410882-001", "institution", "institution:410882-001"),
        ("county-expert-1@410883", "county-expert", "region:410883"),
        ("county-expert-1@410882", "county-expert", "region:410882"),
        ("auditor-1", "auditor", "all"),
        ("operator-1", "operator", "all"),
    ]

    /// A server on the store at `location` (a new SQLite file when nil); `setUp` writes the
    /// fixture's case and accounts (a second server on a shared store skips it).
    init(at location: StoreLocation? = nil, setUp: Bool = true) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try await (location ?? .sqlite(path: folder.appendingPathComponent("store.sqlite").path)).open()
        let credentials = try #require(store as? any CredentialStore)
        let evidence = try #require(store as? any EvidenceStore)
        let host = try PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators(), Accounts()])
        engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
        let clock = moment
        server = AssayServer(engine: engine, credentials: credentials, evidence: evidence, bcryptCost: 4, clock: { clock.now })
        administration = AccountAdministration(engine: engine, credentials: credentials, bcryptCost: 4)
        guard setUp else { return }
        let start = moment.now
        try await engine.storeDataFile(try Directory.snapshot(of: DemoDirectory.files, named: "jiaozuo"), by: DemoCast.cityCommission, at: start)
        try await ChecklistReviews.register(Self.institution, engine: engine, at: start)
        try await engine.open("bs/1", institution: Self.institution, flow: "basic-standard", by: DemoCast.institution(Self.institution), at: start)
        let by = Actor(id: "operator", role: AccountRole.operatorRole, jurisdiction: .system)
        for account in Self.accounts {
            try await administration.grant(account.id, role: account.role, for: account.for, password: "password-of-\(account.id)", by: by, at: start)
        }
    }

    /// Takes the fixture's case through the application and the county's initial review to
    /// the city's on-site review, at `at`, as the institution, a county expert and the county
    /// commission would; the case's state there.
    @discardableResult
    func referToOnsiteReview(at at: Date) async throws -> CaseState {
        let institution = Self.institution
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: at)
        try await engine.take("initial-pass", on: "bs/1", by: DemoCast.countyExpert(institution.region), inputs: ["decision": "pass"], at: at)
        return try await engine.take("refer-to-city", on: "bs/1", by: DemoCast.countyCommission(institution.region), at: at)
    }

    /// Moves the server's clock on.
    func advance(_ seconds: Double) {
        moment.now = moment.now.addingTimeInterval(seconds)
    }

    /// Runs `body` with a client of the server's router.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Self.application(server).test(.router, body)
    }

    /// An application of `server` that logs only errors (a request log line a request is noise here).
    static func application(_ server: AssayServer) throws -> some ApplicationProtocol {
        var logger = Logger(label: "assay-tests")
        logger.logLevel = .error
        return Application(router: try server.router(), logger: logger)
    }

    private final class Moment: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_646_096_400)
    }
}

extension TestClientProtocol {
    /// A request with a JSON body (or none) and the bearer token (or none); the status and the body's JSON.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil) async throws -> (status: Int, body: [String: Any], text: String) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let body = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body, text)
    }

    /// Signs `account` in with its fixture password; the token.
    func signIn(_ account: String) async throws -> String {
        let response = try await call(.post, "/sessions", json: #"{"account":"\#(account)","password":"password-of-\#(account)"}"#)
        guard let token = response.body["token"] as? String else { throw SignInFailed(status: response.status, text: response.text) }
        return token
    }
}

struct SignInFailed: Error {
    var status: Int
    var text: String
}
