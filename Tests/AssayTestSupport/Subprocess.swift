import Foundation

/// What a finished process did.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs programs for the tests, capturing what they print.
public enum Subprocess {
    /// Runs `executable` with `arguments` in `directory`, with `input` on its standard input;
    /// standard output goes to `output` when given, else it is captured.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           input: Data? = nil, output: FileHandle? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let captured = Pipe(), errors = Pipe()
        process.standardOutput = output ?? captured
        process.standardError = errors
        let feed = Pipe()
        if input != nil { process.standardInput = feed }
        try process.run()
        if let input {
            try feed.fileHandleForWriting.write(contentsOf: input)
            try feed.fileHandleForWriting.close()
        }
        let out = output == nil ? captured.fileHandleForReading.readDataToEndOfFile() : Data()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                             errors: String(decoding: err, as: UTF8.self))
    }
}
