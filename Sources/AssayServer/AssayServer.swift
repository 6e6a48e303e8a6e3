import AssayCore
import AssayStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime

/// The HTTP server `assay serve` runs: the operations of `openapi.yaml` over an engine, as
/// the accounts signed in through `POST /sessions` (see `assay user`).
public struct AssayServer: Sendable {
    public var engine: Engine
    public var credentials: any CredentialStore
    public var policy: SessionPolicy
    /// The bcrypt cost of the passwords `assay user` sets (12 in production; tests use less).
    public var bcryptCost: UInt8
    /// The time the server acts at (the clock; tests set another).
    public var clock: @Sendable () -> Date

    public init(engine: Engine, credentials: any CredentialStore, policy: SessionPolicy = SessionPolicy(), bcryptCost: UInt8 = 12,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.engine = engine
        self.credentials = credentials
        self.policy = policy
        self.bcryptCost = bcryptCost
        self.clock = clock
    }

    /// The OpenAPI document the server implements, as committed.
    public static func document() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { throw ServerSetupError.documentMissing }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The router: the session's account, request logs, problem details for what the
    /// document's types refuse, and the document's operations.
    public func router() throws -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Authentication(engine: engine, credentials: credentials, policy: policy, clock: clock))
        router.add(middleware: RequestLog())
        router.add(middleware: ProblemMiddleware())
        let api = AssayAPI(engine: engine, credentials: credentials, policy: policy, throttle: SignInThrottle(policy: policy), clock: clock,
                           document: try Self.document(), decoyHash: Bcrypt.hash("assay-decoy", cost: bcryptCost))
        try api.registerHandlers(on: router)
        return router
    }

    /// The application listening on `host`:`port`, which runs until it is told to stop
    /// (SIGINT or SIGTERM: a graceful shutdown through swift-service-lifecycle).
    public func application(host: String, port: Int, logger: Logger) throws -> some ApplicationProtocol {
        Application(router: try router(), configuration: .init(address: .hostname(host, port: port), serverName: "assay"), logger: logger)
    }
}

/// Why the server could not be set up.
public enum ServerSetupError: Error, CustomStringConvertible {
    case documentMissing

    public var description: String {
        switch self {
        case .documentMissing: "the server's OpenAPI document is missing from its resources; rebuild assay"
        }
    }
}
