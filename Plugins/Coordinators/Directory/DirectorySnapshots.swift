import AssayCore
import AssayHistory
import PluginCommandLine

/// Directory snapshots as the log holds them.
public enum DirectorySnapshots {
    /// The latest snapshot the store holds, read: its hash and directory; nil when it holds none.
    public static func latest(in store: any EventStore) async throws -> (hash: String, directory: Directory)? {
        guard let found = try await find(nil, in: store), let directory = Directory.read(found.files).directory else { return nil }
        return (found.hash, directory)
    }

    /// The snapshot named by `hash`, or the latest imported when nil: its full hash and files.
    public static func snapshot(_ hash: String?, in store: any EventStore) async throws -> (hash: String, files: Directory.Files) {
        guard let found = try await find(hash, in: store) else {
            throw CommandRefusal(hash.map { "the log holds no directory snapshot \($0); import one with `assay directory import`" }
                                 ?? "the log holds no directory snapshot; import one with `assay directory import FOLDER`")
        }
        return found
    }

    /// The snapshot named by `hash` (the latest when nil), or nil when the log holds none.
    private static func find(_ hash: String?, in store: any EventStore) async throws -> (hash: String, files: Directory.Files)? {
        var latest: (hash: String, files: Directory.Files)?
        for try await batch in LogReader(store: store) {
            for entry in batch where entry.subject.kind == DataFileKind.recordType {
                let stored = String(entry.subject.value.dropFirst(DataFileKind.recordType.count + 1))
                guard hash.map(stored.hasPrefix) ?? true, case .recorded(let record) = try Event(canonical: entry.body).body,
                      let file = try? record.value.decode(as: StoredDataFile.self), file.kind == Directory.kind else { continue }
                latest = (stored, try file.content.decode(as: Directory.Files.self))
                if hash != nil { return latest }
            }
        }
        return latest
    }

    /// The snapshot a user names by `hash` (the first 12 or more hex digits of it), or the
    /// latest when nil: its full hash and files.
    public static func named(_ hash: String?, in store: any EventStore) async throws -> (hash: String, files: Directory.Files) {
        if let hash, hash.count < 12 { throw CommandRefusal("name a directory snapshot by at least 12 hex digits of its hash") }
        return try await snapshot(hash, in: store)
    }

    /// The files of the snapshot stored under `hash` (or the first 12 or more hex digits of it).
    static func files(_ hash: String, in store: any EventStore) async throws -> Directory.Files {
        try await named(hash, in: store).files
    }
}
