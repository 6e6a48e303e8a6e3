import ArgumentParser
import AssayServer
import AssayStore
import Hummingbird
import Logging

/// `assay serve`: the HTTP API (see `Sources/AssayServer/openapi.yaml`) on the store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API on the store, to the accounts of `assay user`.",
        discussion: "Listens on --listen (loopback by default; put nginx in front for TLS and the outside world). Logs one line a request to standard output: method, path, status, duration, account. SIGINT or SIGTERM stops it gracefully.\n\nExample:\n  assay serve --store sqlite:demo.sqlite --listen 127.0.0.1:8080"
    )

    @OptionGroup var engineOptions: EngineOptions
    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8080"

    func validate() throws {
        guard address != nil else { throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8080") }
    }

    private var address: (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (String(listen[..<colon]), port)
    }

    func run() async throws {
        let engine = try await engineOptions.engine(.create)
        guard let credentials = engine.store as? any CredentialStore else {
            throw CommandFailure.wrong("this store keeps no accounts; serve a sqlite: or postgres: store")
        }
        let logger = Logger(label: "assay-serve") { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = .info
            return handler
        }
        let (host, port) = address!
        let application = try AssayServer(engine: engine, credentials: credentials).application(host: host, port: port, logger: logger)
        try await application.runService()
    }
}
