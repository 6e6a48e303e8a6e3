import AssayTestSupport
import Foundation
import Testing

/// Runs the built `assay` executable, as a user would.
struct AssayCommand {
    typealias Result = ProcessResult

    static let repository = Repository.root

    /// `assay` sits beside the test bundle in the build folder.
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("assay")
    }

    static func run(_ arguments: String..., in directory: URL = repository, output: FileHandle? = nil) throws -> Result {
        try run(arguments, in: directory, output: output)
    }

    static func run(_ arguments: [String], in directory: URL = repository, output: FileHandle? = nil) throws -> Result {
        try Subprocess.run(executable.path, arguments, in: directory, output: output)
    }

    /// Runs `assay` as `user`, through runuser (the tests run as root in CI).
    static func run(as user: String, _ arguments: String..., in directory: URL) throws -> Result {
        try Subprocess.run("/usr/sbin/runuser", ["-u", user, "--", executable.path] + arguments, in: directory)
    }
}

@Suite("The assay command line")
struct CLITests {
    static let fixtures = AssayCommand.repository.appendingPathComponent("Tests/AssayCoreTests/Fixtures").path

    @Test("validate exits 0 on the real flows and prints the summary")
    func validateRealFlows() throws {
        let result = try AssayCommand.run("validate")
        #expect(result.status == 0)
        #expect(result.output == """
            checking the 3 flows built into assay from Workflows/ when it was built: basic-standard.yaml, community-hospital.yaml, recommended-standard.yaml
            3 files checked, valid: 0 errors, 0 warnings

            """)
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
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: "\(Self.fixtures)/invalid").filter { $0.hasSuffix(".yaml") }
        #expect((document?["files"] as? [Any])?.count == fixtures.count)
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
        for command in ["validate", "demo", "verify", "replay", "case", "log"] {
            let help = try AssayCommand.run(command, "--help")
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE: assay \(command)"))
        }
        // The plugins' commands, each plugin with its own, and none listed without any.
        #expect(root.output.contains("coordinators: report, draw, directory, assign"))
        #expect(!root.output.contains("accounts:"))
    }

    /// A new temporary folder for a store and the files written beside it.
    /// A new folder holding a demo store; the store's location.
    static func demoStore() throws -> (folder: URL, store: String) {
        let folder = try temporaryFolder()
        let store = "sqlite:" + folder.appendingPathComponent("demo.sqlite").path
        let demo = try AssayCommand.run("demo", "--store", store)
        #expect(demo.status == 0, "\(demo.errors)")
        return (folder, store)
    }

    /// Creates an operator key at `path`; its public key.
    static func keygen(_ path: String) throws -> String {
        let keygen = try AssayCommand.run("log", "keygen", "--out", path)
        return String(keygen.output.dropFirst("public key ".count).prefix(64))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("demo prints each case's path and final stage, and refuses a store that is not empty")
    func demo() throws {
        let store = "sqlite:" + (try Self.temporaryFolder()).appendingPathComponent("demo.sqlite").path
        let result = try AssayCommand.run("demo", "--store", store)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("basic-standard/410883-002  会昌社区卫生服务中心（孟州市）\n    application → initial-review → city-referral → onsite-review → appeal-window → appeal-review → onsite-review → achieved\n"))
        #expect(result.output.contains("basic-standard: achieved  27\n"))
        #expect(result.output.contains("34 cases, \(DemoFacts.events) events in \(store)"))
        // Its groups are the teams `assay assign` seated: every assignment verifies (the first, an
        // appeal's new review, the province's, a recheck), and the decisions were the team's.
        for assignment in ["2022-03-1", "2022-04-1", "2022-07-1", "2022-09-1"] {
            let verified = try AssayCommand.run("assign", "verify", assignment, "--store", store)
            #expect(verified.status == 0 && verified.output.hasPrefix("assignment \(assignment) verifies"), "\(verified.output)\(verified.errors)")
        }
        let history = try AssayCommand.run("history", "basic-standard/410883-002", "--store", store)
        #expect(history.output.components(separatedBy: "guard assigned-reviewer held").count == 3, "\(history.output)")

        let again = try AssayCommand.run("demo", "--store", store)
        #expect(again.status == 2)
        #expect(again.errors.contains("already holds \(DemoFacts.events) events; run the demo on a new store"))
    }

    @Test("an auditor verifies, replays, checkpoints, proves, exports and re-imports the demo's store")
    func auditorsRound() throws {
        let (folder, store) = try Self.demoStore()

        let verify = try AssayCommand.run("verify", "--store", store)
        #expect(verify.status == 0)
        #expect(verify.output.contains("\(DemoFacts.events) events in 34 cases, 3 definitions, 0 checkpoints: verified"))
        #expect(verify.output.contains("no signed checkpoint, so this checked only that the history is consistent with itself"))
        let replay = try AssayCommand.run("replay", "--all", "--store", store)
        #expect(replay.status == 0)
        #expect(replay.output.contains("34 cases, \(DemoFacts.events) events replayed: every decision follows from the rules"))

        let key = folder.appendingPathComponent("operator.key").path
        let publicKey = try Self.keygen(key)
        #expect(try AssayCommand.run("log", "checkpoint", "--key", key, "--store", store).status == 0)
        let proof = folder.appendingPathComponent("proof.json")
        let prove = try AssayCommand.run("log", "prove", "100", "--checkpoint", "1", "--store", store)
        #expect(prove.status == 0)
        try Data(prove.output.utf8).write(to: proof)
        let holds = try AssayCommand.run("log", "verify-proof", proof.path, "--public-key", publicKey)
        #expect(holds.status == 0)
        #expect(holds.output.hasPrefix("proof holds: event 100 is in the log of \(DemoFacts.events) events"))
        let otherKey = folder.appendingPathComponent("other.key").path
        let otherPublicKey = try Self.keygen(otherKey)
        let wrongKey = try AssayCommand.run("log", "verify-proof", proof.path, "--public-key", otherPublicKey)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.output.contains("is not a trusted key"))

        let history = try AssayCommand.run("history", "basic-standard/410802-001", "--store", store)
        #expect(history.status == 0)
        #expect(history.output.contains("appeal-window-closed: appeal-window → not-achieved by the system (deadline passed)"))

        let export = folder.appendingPathComponent("log.jsonl").path
        #expect(try AssayCommand.run("export", "--output", export, "--store", store).status == 0)
        let copy = "sqlite:" + folder.appendingPathComponent("copy.sqlite").path
        let imported = try AssayCommand.run("import", export, "--store", copy)
        #expect(imported.status == 0, "\(imported.errors)")
        let reverify = try AssayCommand.run("verify", "--store", copy)
        #expect(reverify.status == 0)
        #expect(reverify.output.contains("\(DemoFacts.events) events in 34 cases, 3 definitions, 1 checkpoint: verified"))
    }

    @Test("a proof signed with an attacker's own key does not hold against the operator's; without a trusted key it is refused")
    func forgedKeyProof() throws {
        let (folder, store) = try Self.demoStore()
        let operatorKey = folder.appendingPathComponent("operator.key").path
        let publicKey = try Self.keygen(operatorKey)
        #expect(try AssayCommand.run("log", "checkpoint", "--key", operatorKey, "--store", store).status == 0)

        // The attacker, with the database, signs a checkpoint of their own and proves event 119.
        let attackerKey = folder.appendingPathComponent("attacker.key").path
        #expect(try AssayCommand.run("log", "keygen", "--out", attackerKey).status == 0)
        #expect(try AssayCommand.run("log", "checkpoint", "--key", attackerKey, "--store", store).status == 0)
        let forged = folder.appendingPathComponent("forged.json")
        try Data(try AssayCommand.run("log", "prove", "119", "--checkpoint", "2", "--store", store).output.utf8).write(to: forged)

        let refused = try AssayCommand.run("log", "verify-proof", forged.path, "--public-key", publicKey)
        #expect(refused.status == 1)
        #expect(refused.output.hasPrefix("proof does NOT hold: checkpoint 2 is not trusted: it is signed by"))
        let keyless = try AssayCommand.run("log", "verify-proof", forged.path)
        #expect(keyless.status == 2)
        #expect(keyless.errors.contains("a proof holds only against a key you trust"))
        let malformed = try AssayCommand.run("log", "verify-proof", forged.path, "--public-key", "not-a-key")
        #expect(malformed.status == 2)
        #expect(malformed.errors.contains("is not an Ed25519 public key"))

        // Pinned to the demo's log by a trusted-keys file, the operator's checkpoint holds.
        let trusted = folder.appendingPathComponent("trusted-keys")
        try Data("# the Jiaozuo demo log\ndemo.assay.example/jiaozuo-2022 \(publicKey)\n".utf8).write(to: trusted)
        let genuine = folder.appendingPathComponent("genuine.json")
        try Data(try AssayCommand.run("log", "prove", "119", "--checkpoint", "1", "--store", store).output.utf8).write(to: genuine)
        #expect(try AssayCommand.run("log", "verify-proof", genuine.path, "--trusted-keys", trusted.path).status == 0)
        #expect(try AssayCommand.run("log", "verify-proof", forged.path, "--trusted-keys", trusted.path).status == 1)

        // A consistency proof between the operator's checkpoints, and the note form.
        #expect(try AssayCommand.run("log", "checkpoint", "--key", operatorKey, "--store", store, "--format", "note").status == 0)
        let consistency = folder.appendingPathComponent("consistency.json")
        let prove = try AssayCommand.run("log", "prove", "--consistency", "1", "3", "--store", store)
        #expect(prove.status == 0, "\(prove.errors)")
        try Data(prove.output.utf8).write(to: consistency)
        let holds = try AssayCommand.run("log", "verify-proof", consistency.path, "--trusted-keys", trusted.path)
        #expect(holds.status == 0, "\(holds.output)")
        #expect(holds.output.hasPrefix("proof holds: the log of checkpoint 3 (\(DemoFacts.events) events"))
        let note = try AssayCommand.run("log", "show", "1", "--format", "note", "--store", store)
        #expect(note.output.hasPrefix("demo.assay.example/jiaozuo-2022\n\(DemoFacts.events)\n"))
        #expect(note.errors.hasPrefix("note verifier key: demo.assay.example/jiaozuo-2022+"))
    }

    @Test("an altered stored definition is named in words, by its flow and version, without the decoder's debug text", arguments: [
        ("replace(body, '\"start\"', '\"strat\"')", "was altered: it no longer reads as a flow (the field start is missing)"),
        ("replace(body, '申诉期', '申述期')", "was altered: its text no longer hashes to "),
    ])
    func alteredDefinition(_ change: String, _ words: String) throws {
        let folder = try Self.temporaryFolder()
        let path = folder.appendingPathComponent("demo.sqlite").path
        #expect(try AssayCommand.run("demo", "--store", "sqlite:" + path).status == 0)
        let sqlite = try Subprocess.run("/usr/bin/env", ["sqlite3", path, "DROP TRIGGER definition_is_append_only_update; UPDATE definition SET body = \(change) WHERE rowid = 1;"])
        #expect(sqlite.status == 0, "\(sqlite.errors)")
        let verify = try AssayCommand.run("verify", "--store", "sqlite:" + path)
        #expect(verify.status == 1)
        let problems = verify.output.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(problems.count == 1, "\(verify.output)")
        #expect(problems.first?.contains("pins a definition that cannot be trusted: definition ") == true, "\(verify.output)")
        #expect(problems.first?.contains(words) == true, "\(verify.output)")
        #expect(problems.first?.contains("version ") == true, "\(verify.output)")
        #expect(!verify.output.contains("DecodingError") && !verify.output.contains("assay verify"), "\(verify.output)")
    }

    @Test("an event deleted from the middle is one problem; export refuses the store unless asked for it as it is")
    func deletedMiddleEvent() throws {
        let folder = try Self.temporaryFolder()
        let path = folder.appendingPathComponent("demo.sqlite").path
        let store = "sqlite:" + path
        #expect(try AssayCommand.run("demo", "--store", store).status == 0)
        let sqlite = try Subprocess.run("/usr/bin/env", ["sqlite3", path, "DROP TRIGGER event_is_append_only_delete; DELETE FROM event WHERE position = 100;"])
        #expect(sqlite.status == 0)

        let verify = try AssayCommand.run("verify", "--store", store)
        #expect(verify.status == 1)
        #expect(verify.output.contains("error: event 100: position 100 is missing from the log"))
        #expect(verify.output.contains("\(DemoFacts.events - 1) events in 34 cases"))
        // The missing position explains the case's gap: one problem, reported once.
        #expect(verify.output.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 1, "\(verify.output)")

        let export = folder.appendingPathComponent("log.jsonl").path
        let refused = try AssayCommand.run("export", "--output", export, "--store", store)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("the store does not verify, so it was not exported"))
        #expect(!FileManager.default.fileExists(atPath: export))
        #expect(try AssayCommand.run("export", "--as-is", "--output", export, "--store", store).status == 0)
        let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
        let eventLines = lines.filter { $0.hasSuffix("\"type\":\"event\"}") }
        #expect(eventLines.count == DemoFacts.events - 1)
        #expect(Set(eventLines).count == DemoFacts.events - 1)

        let replay = try AssayCommand.run("replay", "--all", "--store", store)
        // The case that lost an event diverges there and is not followed past the gap; every
        // other case replays.
        #expect(replay.status == 1)
        let replayed = replay.output.split(separator: "\n")
        let broken = try #require(replayed.first?.split(separator: ",").first)
        #expect(replayed.dropLast().allSatisfy { $0.hasPrefix(broken + ", event 4: ") }, "\(replay.output)")
        #expect(replayed.last?.hasPrefix("34 cases, ") == true && replayed.last?.hasSuffix(" events replayed: \(replayed.count - 1) divergences") == true)
    }
}
