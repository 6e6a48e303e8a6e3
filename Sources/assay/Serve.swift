import ArgumentParser
import AssayServer
import AssayStore
import Hummingbird
import Logging

/// `assay serve`: the HTTP API (see `Sources/AssayServer/openapi.yaml`) on the store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API on the store, to the accounts of `assay user`.",
        discussion: "Listens on --listen (loopback by default; put nginx in front for the outside world), over HTTPS with --tls-cert and --tls-key. Logs one line a request to standard output: method, path, status, duration, account. SIGINT or SIGTERM stops it gracefully.\n\nExample:\n  assay serve --store sqlite:demo.sqlite --listen 127.0.0.1:8080"
    )

    @OptionGroup var engineOptions: EngineOptions
    @Option(help: "HOST:PORT to listen on, such as 127.0.0.1:8080.") var listen = ListenAddress(host: "127.0.0.1", port: 8080)
    @Option(help: "A PEM certificate chain: serve HTTPS (with --tls-key).") var tlsCert: String?
    @Option(help: "The PEM private key of --tls-cert.") var tlsKey: String?
    @Flag(help: "A proxy in front (nginx) terminates TLS and appends the client's address to X-Forwarded-For: trust it, and mark the session cookie Secure.")
    var behindProxy = false

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("give --tls-cert and --tls-key together") }
    }

    func run() async throws {
        let engine = try await engineOptions.engine(.create)
        guard let credentials = engine.store as? any CredentialStore, let evidence = engine.store as? any EvidenceStore else {
            throw CommandFailure.wrong("this store keeps no accounts; serve a sqlite: or postgres: store")
        }
        let logger = Logger.server("assay-serve")
        let tls = tlsCert.flatMap { certificate in tlsKey.map { (certificate: certificate, key: $0) } }
        let application: any ApplicationProtocol
        do {
            var server = AssayServer(engine: engine, credentials: credentials, evidence: evidence)
            server.trustsForwardedFor = behindProxy
            server.secureCookies = behindProxy
            application = try server.application(host: listen.host, port: listen.port, tls: tls, logger: logger)
        } catch let error as ServerSetupError {
            throw CommandFailure.unreadable(error.description)
        }
        try await application.runService()
    }
}
