import ArgumentParser
import AssayServer
import AssayWitness
import Hummingbird
import Logging

/// `assay witness serve`: the witness over HTTP.
struct WitnessServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the witness over HTTP: POST /add-checkpoint, as C2SP tlog-witness defines it.",
        discussion: """
        Logs ask it with `assay log checkpoint --witness http://HOST:PORT/`, and so can other \
        transparency-log software that speaks tlog-witness. Listens on --listen (loopback by \
        default; put nginx in front, with TLS, for the outside world). SIGINT or SIGTERM stops it.

        Example:
          assay witness serve --state province-witness.sqlite --listen 127.0.0.1:8090
        """
    )

    @OptionGroup var state: WitnessStateOption
    @Option(help: "HOST:PORT to listen on, such as 127.0.0.1:8090.") var listen = ListenAddress(host: "127.0.0.1", port: 8090)

    func run() async throws {
        let witness = try Witness(store: WitnessStore(path: state.path))
        try await WitnessServer(witness: witness).application(host: listen.host, port: listen.port, logger: .server("assay-witness")).runService()
    }
}
