import ArgumentParser
import AssayCore
import AssayHistory
import AssayWitness
import Foundation

/// `assay witness add-log`: starts watching a log.
struct WitnessAddLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-log",
        abstract: "Watch a log: cosign its checkpoints from now on.",
        discussion: """
        ORIGIN is the log's name, as its checkpoints carry it. PUBLIC-KEY is the key its operator \
        signs checkpoints with: the 64 hex digits `assay log keygen` printed (the key's name is \
        then the origin), or a signed-note verifier key NAME+ID+BASE64 (as `assay log checkpoint \
        --format note` prints it, or another log's software). A log is watched with one key.

        Example:
          assay witness add-log city.jiaozuo.example/reviews 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29
        """
    )

    @OptionGroup var state: WitnessStateOption

    @Argument(help: "The log's origin.")
    var origin: String

    @Argument(help: "The log's public key: 64 hex digits, or a verifier key NAME+ID+BASE64.")
    var publicKey: String

    func validate() throws {
        if let problem = LogOrigin.problem(with: origin) { throw ValidationError("ORIGIN '\(origin)': \(problem)") }
    }

    func run() throws {
        let store = try WitnessStore(path: state.path)
        let log = try watchedLog()
        try store.add(log)
        print("watching \(origin), signed as \(log.keyName) by \(Hex.encode(log.publicKey))")
    }

    private func watchedLog() throws -> WitnessStore.WatchedLog {
        guard let key = NoteVerifierKey(hexOrVerifierKey: publicKey, name: origin, algorithm: NoteVerifierKey.ed25519) else {
            throw ValidationError(publicKey.contains("+")
                ? "'\(publicKey)' is not an Ed25519 signed-note verifier key (NAME+ID+BASE64 with algorithm 0x01)"
                : "'\(publicKey)' is not a public key: give the 64 hex digits `assay log keygen` printed, or a verifier key")
        }
        return .init(origin: origin, keyName: key.name, publicKey: key.publicKey)
    }
}
