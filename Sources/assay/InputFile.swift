import Foundation

/// A file a command reads, named by its path or `-` for standard input.
enum InputFile {
    /// The bytes of `path` (standard input for `-`); nil when it cannot be read.
    static func contents(_ path: String) -> Data? {
        path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
    }

    /// The UTF-8 text of `path`, `what` naming it in the error when it cannot be read as such.
    static func text(_ path: String, what: String) throws -> String {
        guard let data = contents(path), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.unreadable("cannot read \(what) \(path) as UTF-8 text")
        }
        return text
    }
}
