import Foundation

/// Writes a file whole or not at all: into a temporary file beside it, renamed into place only
/// when everything was written and synced.
enum AtomicFile {
    /// Creates `path` with what `body` writes; on any error removes the temporary file and
    /// throws a `CommandFailure` saying what went wrong. Never replaces an existing file.
    static func write<T>(to path: String, _ body: (FileHandle) async throws -> T) async throws -> T {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw CommandFailure.unreadable("cannot create a file in \(url.deletingLastPathComponent().path); check that the folder exists and can be written")
        }
        do {
            let result = try await body(handle)
            try handle.synchronize()
            try handle.close()
            guard link(temporary.path, path) == 0 else {
                throw CommandFailure.unreadable("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(at: temporary)
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            if let failure = error as? CommandFailure { throw failure }
            throw CommandFailure.wrong("\(path) could not be written, and nothing was left behind: \(Export.reason(error))")
        }
    }
}
