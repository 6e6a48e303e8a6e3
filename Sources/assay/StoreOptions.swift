import ArgumentParser
import AssayCore
import AssayStore
import Foundation

/// The `--store` option that every command working on history shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"),
            help: "The store: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE. Default: $ASSAY_STORE, else sqlite:assay.sqlite.")
    var location: String?

    @Flag(help: "Print the database libraries' log lines too.")
    var verbose = false

    func validate() throws {
        _ = try resolved()
    }

    /// The location given, or `ASSAY_STORE`, or the default.
    func resolved() throws -> StoreLocation {
        let text = location ?? ProcessInfo.processInfo.environment["ASSAY_STORE"]
        guard let text else { return .default }
        do {
            return try StoreLocation(text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Opens the store for `access`: commands that only read open it read-only and never
    /// create it.
    func open(_ access: StoreAccess) async throws -> any EventStore {
        try await resolved().open(access)
    }
}
