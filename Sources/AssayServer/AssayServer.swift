import AssayCore
import AssayStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTLS
import NIOSSL
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime

/// The HTTP server `assay serve` runs: the operations of `openapi.yaml` over an engine, as
/// the accounts signed in through `POST /sessions` (see `assay user`).
public struct AssayServer: Sendable {
    public var engine: Engine
    public var credentials: any CredentialStore
    /// Where the photos and documents answers name are kept.
    public var evidence: any EvidenceStore
    public var policy: SessionPolicy
    /// The bcrypt cost of the passwords `assay user` sets (12 in production; tests use less).
    public var bcryptCost: UInt8
    /// The time the server acts at (the clock; tests set another).
    public var clock: @Sendable () -> Date
    /// The largest request body taken, in bytes (a larger one is a 413).
    public var maximumBody = 20 * 1024 * 1024
    /// Whether the session cookie is marked Secure: set when serving TLS, or behind a proxy that does.
    public var secureCookies = false
    /// Whether the peer is a proxy whose `X-Forwarded-For` names the client (nginx in front).
    public var trustsForwardedFor = false

    public init(engine: Engine, credentials: any CredentialStore, evidence: any EvidenceStore, policy: SessionPolicy = SessionPolicy(), bcryptCost: UInt8 = 12,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.engine = engine
        self.credentials = credentials
        self.evidence = evidence
        self.policy = policy
        self.bcryptCost = bcryptCost
        self.clock = clock
    }

    /// The OpenAPI document the server implements, as committed.
    public static func document() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { throw ServerSetupError.resourceMissing("OpenAPI document") }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The router: security headers, the session's account, request logs, problem details for
    /// what the document's types refuse, the document's operations and the pages.
    public func router() throws -> Router<AssayRequestContext> {
        let router = Router(context: AssayRequestContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ClientAddress.Middleware(trustsForwardedFor: trustsForwardedFor))
        router.add(middleware: SessionCookie.Middleware())
        router.add(middleware: Authentication(engine: engine, credentials: credentials, policy: policy, clock: clock))
        router.add(middleware: RequestLog())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimit(bytes: maximumBody))
        let api = AssayAPI(engine: engine, credentials: credentials, evidence: evidence, policy: policy, throttle: SignInThrottle(policy: policy), maximumBody: maximumBody, secureCookies: secureCookies, clock: clock,
                           document: try Self.document(), decoyHash: Bcrypt.hash("assay-decoy", cost: bcryptCost))
        try api.registerHandlers(on: router)
        try Pages(api: api).register(on: router)
        return router
    }

    /// The application listening on `host`:`port`, over TLS when `tls` names a certificate
    /// chain and its key (PEM files), which runs until it is told to stop (SIGINT or SIGTERM: a
    /// graceful shutdown through swift-service-lifecycle).
    public func application(host: String, port: Int, tls: (certificate: String, key: String)? = nil, logger: Logger) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "assay")
        guard let tls else { return Application(router: try router(), server: .http1(), configuration: configuration, logger: logger) }
        var served = self
        served.secureCookies = true
        let chain: [NIOSSLCertificateSource], key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { .certificate($0) }
            key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        } catch {
            throw ServerSetupError.tls("\(error)")
        }
        let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return Application(router: try served.router(), server: try .tls(.http1(), tlsConfiguration: tlsConfiguration), configuration: configuration, logger: logger)
    }
}

/// Why the server could not be set up.
public enum ServerSetupError: Error, CustomStringConvertible {
    case resourceMissing(String)
    case tls(String)

    public var description: String {
        switch self {
        case .resourceMissing(let what): "the server's resources lack its \(what); rebuild assay"
        case .tls(let problem): "the TLS certificate or key cannot be read (PEM files expected): \(problem)"
        }
    }
}
