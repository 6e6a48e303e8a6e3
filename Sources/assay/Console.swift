import Foundation

/// Writing to the terminal without ever crashing: Foundation's `FileHandle.write(_:)` traps when
/// the write fails (a closed pipe, a full disk), these do not.
enum Console {
    /// Writes `text` to standard error; a failure to write there is ignored, as nothing is left
    /// to report it to.
    static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Writes `bytes` to standard output as they are.
    static func output(_ bytes: [UInt8]) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(bytes))
        } catch {
            throw CommandFailure.wrong("standard output could not be written: \(Export.reason(error))")
        }
    }
}
