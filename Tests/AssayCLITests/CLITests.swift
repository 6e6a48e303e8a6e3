import Foundation
import Testing

/// Runs the built `assay` executable, as a user would.
struct AssayCommand {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `assay` sits beside the test bundle in the build folder.
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("assay")
    }

    static func run(_ arguments: String..., in directory: URL = repository) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }
}

@Suite("The assay command line")
struct CLITests {
    static let fixtures = AssayCommand.repository.appendingPathComponent("Tests/AssayCoreTests/Fixtures").path

    @Test("validate exits 0 on the real flows and prints the summary")
    func validateRealFlows() throws {
        let result = try AssayCommand.run("validate")
        #expect(result.status == 0)
        #expect(result.output == "3 files checked, valid: 0 errors, 0 warnings\n")
    }

    @Test("validate exits 1 with compiler-style lines on invalid flows")
    func validateInvalidFlows() throws {
        let file = "\(Self.fixtures)/invalid/dead-end.yaml"
        let result = try AssayCommand.run("validate", file)
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("\(file):35:3: error: no terminal stage can be reached from stage 'limbo'"))
        #expect(result.output.hasSuffix("1 file checked, invalid: 1 error, 0 warnings\n"))
    }

    @Test("validate --format json prints a JSON document")
    func validateJSON() throws {
        let result = try AssayCommand.run("validate", "--format", "json", "\(Self.fixtures)/invalid")
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(document?["valid"] as? Bool == false)
        #expect((document?["files"] as? [Any])?.count == 11)
    }

    @Test("a missing path and an unknown option exit 2 and say what to do")
    func usageErrorsExit2() throws {
        let missing = try AssayCommand.run("validate", "no-such-folder")
        #expect(missing.status == 2)
        #expect(missing.output.contains("no-such-folder:1:1: error: cannot read the file: no such file or folder"))

        let unknown = try AssayCommand.run("validate", "--colour")
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("Unknown option '--colour'"))
        #expect(unknown.errors.contains("assay validate --help"))
    }

    @Test("help describes every subcommand and the exit codes")
    func help() throws {
        let root = try AssayCommand.run("--help")
        #expect(root.status == 0)
        for text in ["validate", "demo", "Exit codes:", "2  usage error"] {
            #expect(root.output.contains(text), "\(text)")
        }
        for command in ["validate", "demo"] {
            let help = try AssayCommand.run(command, "--help")
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE: assay \(command)"))
        }
    }

    @Test("demo prints each case's path and final stage")
    func demo() throws {
        let result = try AssayCommand.run("demo")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("basic-standard/410883-002  会昌社区卫生服务中心（孟州市）\n    application → initial-review → city-referral → onsite-review → appeal-window → appeal-review → onsite-review → achieved\n"))
        #expect(result.output.contains("basic-standard: achieved  27\n"))
        #expect(result.output.contains("34 cases"))
    }
}
