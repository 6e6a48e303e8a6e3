import Foundation

/// What a finished process did.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs programs for the tests, capturing what they print.
public enum Subprocess {
    /// Runs `executable` with `arguments` in `directory`; standard output goes to `output`
    /// when given, else it is captured.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           output: FileHandle? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let captured = Pipe(), errors = Pipe()
        process.standardOutput = output ?? captured
        process.standardError = errors
        try process.run()
        let out = output == nil ? captured.fileHandleForReading.readDataToEndOfFile() : Data()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                             errors: String(decoding: err, as: UTF8.self))
    }
}
