import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A city's log witnessed from the command line: over HTTP through `assay witness serve`, and by
/// request and answer files carried by hand.
@Suite("Witnessing a log from the command line")
struct WitnessCommandTests {
    /// Starts `assay witness serve` on `port` in `folder`, and waits until it answers.
    static func serve(in folder: URL, port: Int) async throws -> Process {
        let server = Process()
        server.executableURL = AssayCommand.executable
        server.arguments = ["witness", "serve", "--listen", "127.0.0.1:\(port)"]
        server.currentDirectoryURL = folder
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        let probe = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        for _ in 0..<100 {
            if (try? await URLSession.shared.data(from: probe)) != nil { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the witness did not start listening on port \(port)")
        return server
    }

    @Test("log checkpoint --witness URL keeps the cosignature, asks again from the size the witness remembers, and quorums count only what was added")
    func witnessedCheckpoints() async throws {
        let folder = try OperatorTests.emptyFolder()
        func run(_ arguments: String...) throws -> ProcessResult { try AssayCommand.run(arguments, in: folder) }
        let store = ["--store", "sqlite:city.sqlite"]
        let grow = { (institution: String) throws -> ProcessResult in
            try AssayCommand.run(["case", "take", "basic-standard/\(institution)", "open-recheck", "--input", "reason=回头看", "--actor", "commission@410800",
                                  "--role", "city-coordinator", "--for", "region:410800", "--at", "2023-03-01T09:00:00+08:00"] + store, in: folder)
        }
        #expect(try AssayCommand.run(["demo", "--origin", "city.jiaozuo.example/reviews"] + store, in: folder).status == 0)
        let logKey = try #require(try run("log", "keygen", "--out", "city.key").output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        try Data("city.jiaozuo.example/reviews \(logKey)\n".utf8).write(to: folder.appendingPathComponent("trusted.txt"))
        let initialised = try run("witness", "init", "--key", "w.key", "--name", "witness.henan.example/province")
        #expect(initialised.status == 0, "\(initialised.errors)")
        let witnessLine = try #require(initialised.output.split(separator: "\n").last)
        try Data((witnessLine + "\n").utf8).write(to: folder.appendingPathComponent("witnesses.txt"))
        #expect(try run("witness", "add-log", "city.jiaozuo.example/reviews", logKey).status == 0)

        let port = try ServerCrashTests.freePort()
        let server = try await Self.serve(in: folder, port: port)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let url = "http://127.0.0.1:\(port)/"
        let first = try run("log", "checkpoint", "--store", "sqlite:city.sqlite", "--key", "city.key", "--witness", url, "--witness-keys", "witnesses.txt")
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("\"cosignatures\""))

        // Checkpoint 2 is cosigned by hand, and its answer not brought back: the log still
        // thinks the witness is at checkpoint 1, and the witness answers 409 with its size.
        #expect(try grow("410882-001").status == 0)
        #expect(try run("log", "checkpoint", "--store", "sqlite:city.sqlite", "--key", "city.key").status == 0)
        let request = try run("log", "request", "2", "--store", "sqlite:city.sqlite")
        try Data(request.output.utf8).write(to: folder.appendingPathComponent("request-2.txt"))
        #expect(request.output.hasPrefix("old 5875\n"))
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let answer = try run("witness", "cosign", "request-2.txt")
        #expect(answer.status == 0, "\(answer.errors)")
        try Data(answer.output.utf8).write(to: folder.appendingPathComponent("answer-2.txt"))

        let restarted = try await Self.serve(in: folder, port: port)
        defer { if restarted.isRunning { kill(restarted.processIdentifier, SIGKILL) } }
        #expect(try grow("410882-002").status == 0)
        let third = try run("log", "checkpoint", "--store", "sqlite:city.sqlite", "--key", "city.key", "--witness", url, "--witness-keys", "witnesses.txt")
        #expect(third.status == 0, "\(third.errors)")
        #expect(try run("log", "show", "3", "--store", "sqlite:city.sqlite").output.contains("witness.henan.example/province"))

        // Checkpoint 2 counts for a quorum only once its answer is added.
        let verifyAll = ["verify", "--store", "sqlite:city.sqlite", "--witness-keys", "witnesses.txt", "--quorum", "1"]
        let unwitnessed = try AssayCommand.run(verifyAll, in: folder)
        #expect(unwitnessed.status == 1 && unwitnessed.output.contains("checkpoint 2: it is not witnessed"))
        #expect(try run("log", "add-cosignatures", "2", "answer-2.txt", "--witness-keys", "witnesses.txt", "--store", "sqlite:city.sqlite").status == 0)
        #expect(try AssayCommand.run(verifyAll, in: folder).status == 0)
        let proof = try run("log", "prove", "5877", "--checkpoint", "3", "--store", "sqlite:city.sqlite")
        try Data(proof.output.utf8).write(to: folder.appendingPathComponent("proof.json"))
        let holds = try run("log", "verify-proof", "proof.json", "--trusted-keys", "trusted.txt", "--witness-keys", "witnesses.txt", "--quorum", "1")
        #expect(holds.status == 0 && holds.output.contains("cosigned by witness.henan.example/province"), "\(holds.output)\(holds.errors)")
        // The note alone, with the consistency proof `log prove` writes, from what the witness remembers.
        try Data(try run("log", "show", "3", "--format", "note", "--store", "sqlite:city.sqlite").output.utf8).write(to: folder.appendingPathComponent("note-3.txt"))
        try Data(try run("log", "prove", "--consistency", "3", "3", "--store", "sqlite:city.sqlite").output.utf8).write(to: folder.appendingPathComponent("consistency.json"))
        let withProof = try run("witness", "cosign", "note-3.txt", "--proof", "consistency.json")
        #expect(withProof.status == 0 && withProof.output.hasPrefix("\u{2014} witness.henan.example/province "), "\(withProof.errors)")
        let bare = try run("witness", "cosign", "note-3.txt")
        #expect(bare.status == 1 && bare.errors.contains("last cosigned size 5877"), "\(bare.errors)")

        // A second trusted witness that did not cosign: a quorum of 2 is not met.
        try Data((witnessLine + "\nwitness.nhc.example/nation \(logKey)\n").utf8).write(to: folder.appendingPathComponent("two-witnesses.txt"))
        let short = try run("log", "verify-proof", "proof.json", "--trusted-keys", "trusted.txt", "--witness-keys", "two-witnesses.txt", "--quorum", "2")
        #expect(short.status == 1 && short.output.contains("checkpoint 3 is not witnessed: 2 of the 2 trusted witnesses"), "\(short.output)")
    }
}
