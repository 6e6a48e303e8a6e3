import AssayCore
import AssayHistory
import PluginCommandLine

/// Directory snapshots as the log holds them, read from the coordinators' folded state (which
/// keeps every snapshot as it is stored), not by scanning the log.
public enum DirectorySnapshots {
    /// The latest snapshot the log holds, read: its hash and directory; nil when it holds none.
    public static func latest(in engine: Engine) async throws -> (hash: String, directory: Directory)? {
        guard let found = try await find(nil, in: engine), let directory = found.directory else { return nil }
        return (found.hash, directory)
    }

    /// The snapshot named by `hash`, or the latest imported when nil: its full hash and files,
    /// and the directory they read as (nil when they do not).
    public static func snapshot(_ hash: String?, in engine: Engine) async throws -> (hash: String, files: Directory.Files, directory: Directory?) {
        guard let found = try await find(hash, in: engine) else {
            throw CommandRefusal(hash.map { "the log holds no directory snapshot \($0); import one with `assay directory import`" }
                                 ?? "the log holds no directory snapshot; import one with `assay directory import FOLDER`")
        }
        return found
    }

    /// The snapshot named by `hash` (the first stored whose hash begins so; the latest when
    /// nil), or nil when the log holds none.
    private static func find(_ hash: String?, in engine: Engine) async throws -> (hash: String, files: Directory.Files, directory: Directory?)? {
        let snapshots = try await engine.currentPluginStates(of: [Coordinators.name]).state(of: Coordinators.self)?.directories ?? []
        guard let hash else { return snapshots.last }
        return snapshots.first { $0.hash.hasPrefix(hash) }
    }

    /// The snapshot a user names by `hash` (the first 12 or more hex digits of it), or the
    /// latest when nil: its full hash and files.
    public static func named(_ hash: String?, in engine: Engine) async throws -> (hash: String, files: Directory.Files, directory: Directory?) {
        if let hash, hash.count < 12 { throw CommandRefusal("name a directory snapshot by at least 12 hex digits of its hash") }
        return try await snapshot(hash, in: engine)
    }

    /// The files of the snapshot stored under `hash` (or the first 12 or more hex digits of it).
    static func files(_ hash: String, in engine: Engine) async throws -> Directory.Files {
        try await named(hash, in: engine).files
    }
}
