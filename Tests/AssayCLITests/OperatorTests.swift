import AssayCore
import AssayDemo
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// The first run and the operator's view: the embedded flows, read-only audits, missing stores,
/// failed writes and errors an operator can act on.
@Suite("The operator's view")
struct OperatorTests {
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("from an empty folder, demo, verify and replay run on the flows built into assay")
    func firstRunAnywhere() throws {
        let folder = try Self.emptyFolder()
        let demo = try AssayCommand.run("demo", in: folder)
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.hasSuffix("34 cases, \(DemoFacts.events) events in sqlite:assay.sqlite\n"))
        #expect(try AssayCommand.run("verify", in: folder).status == 0)
        let replay = try AssayCommand.run("replay", "--all", in: folder)
        #expect(replay.status == 0)
        #expect(replay.output.contains("34 cases, \(DemoFacts.events) events replayed: every decision follows from the rules"))
        let validate = try AssayCommand.run("validate", in: folder)
        #expect(validate.status == 0)
        #expect(validate.output.hasPrefix("checking the 3 flows built into assay"))
        // A folder given still overrides the built-in flows.
        let other = try AssayCommand.run("demo", "--workflows", "missing-folder", "--store", "sqlite:other.sqlite", in: folder)
        #expect(other.status == 2)
        #expect(other.output.contains("missing-folder:1:1: error: cannot read the file"))
    }

    @Test("an auditor who cannot write the store or its folder verifies, replays, reads and exports it, and runs every plugin command that reads")
    func readOnlyAudit() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:audit.sqlite", in: folder).status == 0)
        let store = "sqlite:" + folder.appendingPathComponent("audit.sqlite").path
        // A recheck opened and its team assigned, for `assign verify`.
        let coordinator = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--store", store]
        let recheck = try AssayCommand.run(["case", "take", "basic-standard/410883-001", "open-recheck", "--input", "reason=2023年回头看", "--at", "2023-03-01T09:00:00+08:00"]
                                           + coordinator, in: folder)
        #expect(recheck.status == 0, "\(recheck.errors)")
        let assigned = try AssayCommand.run(["assign", "--at", "2023-03-02T09:00:00+08:00"] + coordinator, in: folder)
        #expect(assigned.status == 0, "\(assigned.errors)")
        // The coordinator sees the case's assigned team.
        let listed = try AssayCommand.run(["case", "list", "--stage", "recheck", "--store", store], in: folder)
        #expect(listed.output.hasPrefix("basic-standard/410883-001  recheck  赵和镇卫生院 (410883)  team clinical "), "\(listed.output)")
        let shown = try AssayCommand.run(["case", "show", "basic-standard/410883-001", "--store", store], in: folder)
        #expect(shown.output.contains("\nteam: clinical "), "\(shown.output)")
        #expect(shown.output.contains("(assignment 2023-03-1)"), "\(shown.output)")
        // Root's store, readable by all, in a folder only root may write; as root, the auditor is
        // nobody; otherwise the store and folder lose their write permission.
        let isRoot = getuid() == 0
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent("audit.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let before = try Self.contents(of: folder)
        let auditor = FileManager.default.temporaryDirectory
        func audit(_ arguments: String...) throws -> ProcessResult {
            try audit(arguments)
        }
        func audit(_ arguments: [String]) throws -> ProcessResult {
            isRoot ? try Subprocess.run("/usr/sbin/runuser", ["-u", "nobody", "--", AssayCommand.executable.path] + arguments, in: auditor)
                   : try Subprocess.run(AssayCommand.executable.path, arguments, in: auditor)
        }
        let verify = try audit("verify", "--store", store)
        #expect(verify.status == 0, "\(verify.errors)")
        #expect(verify.output.contains(" events in 34 cases, 3 definitions, 0 checkpoints: verified"))
        let replay = try audit("replay", "--all", "--store", store)
        #expect(replay.status == 0, "\(replay.errors)")
        let history = try audit("history", "basic-standard/410802-001", "--store", store)
        #expect(history.status == 0, "\(history.errors)")
        let export = try audit("export", "--store", store)
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.output.contains("\"type\":\"end\"}\n"))
        for reading in [["review", "show", "basic-standard/410883-001"], ["report", "--at", "2022-12-31"], ["assign", "verify", "2023-03-1"],
                        ["registration", "show", "410802-001"], ["integrity", "list"], ["rectification", "show", "basic-standard/410882-001"],
                        ["case", "list"], ["case", "show", "basic-standard/410802-001"], ["directory", "show"]] {
            let result = try audit(reading + ["--store", store])
            #expect(!result.errors.contains("readonly"), "\(reading): \(result.errors)")
            #expect(result.status == 0 || reading == ["directory", "show"], "\(reading): \(result.errors)")
        }
        #expect(try Self.contents(of: folder) == before)
    }

    @Test("commands that read or write a store refuse one that does not exist, and never create it")
    func missingStoresAreRefused() throws {
        let folder = try Self.emptyFolder()
        let key = folder.appendingPathComponent("operator.key").path
        #expect(try AssayCommand.run("log", "keygen", "--out", key).status == 0)
        let store = "sqlite:" + folder.appendingPathComponent("typo.sqlite").path
        for arguments in [["verify"], ["replay", "--all"], ["history", "c"], ["export"], ["log", "show"],
                          ["log", "prove", "1", "--checkpoint", "1"], ["log", "checkpoint", "--key", key, "--origin", "a.example/log"],
                          ["review", "show", "c"], ["rectification", "show", "c"], ["registration", "show", "i"], ["integrity", "list"],
                          ["integrity", "show", "expert:e"], ["report"], ["directory", "show", "0123456789ab"]] {
            let result = try AssayCommand.run(arguments + ["--store", store], in: folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errors == "error: there is no store at \(store); check the path, or create one with `assay demo` or `assay import`\n", "\(arguments)")
        }
        #expect(try Self.contents(of: folder) == ["operator.key"])
    }

    @Test("a failed import leaves no store behind")
    func failedImportLeavesNothing() throws {
        let folder = try Self.emptyFolder()
        let export = folder.appendingPathComponent("truncated.jsonl")
        try Data("{\"type\":\"event\"}\n".utf8).write(to: export)
        let result = try AssayCommand.run("import", export.path, "--store", "sqlite:new.sqlite", in: folder)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("error: line 1 of the export: "))
        #expect(try Self.contents(of: folder) == ["truncated.jsonl"])
    }

    @Test("an export to a full disk is one sentence, exit 1, and leaves nothing behind")
    func fullDisk() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try AssayCommand.run("export", "--store", "sqlite:s.sqlite", in: folder, output: full)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("error: the export could not be written to standard output: "))
        #expect(result.errors.split(separator: "\n").count == 1)
        let nowhere = try AssayCommand.run("export", "--store", "sqlite:s.sqlite", "--output", "no-folder/log.jsonl", in: folder)
        #expect(nowhere.status == 2)
        #expect(nowhere.errors.hasPrefix("error: cannot create a file in "))
        #expect(nowhere.errors.contains("no-folder; check that the folder exists and can be written"))
        #expect(try Self.contents(of: folder).filter { !$0.hasPrefix("s.sqlite") }.isEmpty)
    }

    @Test("each error is one sentence with the documented exit code, and usage only for usage errors")
    func errorsOperatorsCanActOn() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let dead = try AssayCommand.run("verify", "--store", "postgres://assay@127.0.0.1:1/assay", in: folder)
        #expect(dead.status == 2)
        #expect(dead.errors == "error: cannot connect to PostgreSQL at 127.0.0.1:1/assay: connection refused\n")

        let unknown = try AssayCommand.run("verify", "--store", "mysql:x", in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("'mysql:x' is not a store location"))

        let directory = try AssayCommand.run("verify", "--store", "sqlite:" + folder.path, in: folder)
        #expect(directory.status == 2)
        #expect(directory.errors.hasPrefix("error: cannot open the SQLite store"))

        let noCase = try AssayCommand.run("history", "no-such-case", "--store", "sqlite:s.sqlite", in: folder)
        #expect(noCase.status == 1)
        #expect(noCase.errors.hasPrefix("error: there is no case no-such-case in the store"))
        #expect(!noCase.errors.contains("Usage"))

        let again = try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder)
        #expect(again.status == 2)
        #expect(!again.errors.contains("Usage"))

        let garbled = folder.appendingPathComponent("proof.json")
        try Data("{\"position\":\"seven\"}".utf8).write(to: garbled)
        let proof = try AssayCommand.run("log", "verify-proof", garbled.path, "--public-key", String(repeating: "ab", count: 32), in: folder)
        #expect(proof.status == 2)
        #expect(proof.errors == "error: \(garbled.path) is not an inclusion proof as `assay log prove` writes it: the field position is not a number\n")

        let usage = try AssayCommand.run("verify", "--frmat", "json", in: folder)
        #expect(usage.status == 2)
        #expect(usage.errors.contains("Usage: assay verify"))
    }

    @Test("every plugin command's help shows its own options, by --help, -h or assay help; assay --help lists every plugin's commands", arguments: [
        (["review", "form", "--help"], "USAGE: assay review form ", "--leader <leader>"),
        (["review", "form", "-h"], "USAGE: assay review form ", "--reason <reason>"),
        (["help", "review", "form"], "USAGE: assay review form ", "--member <member>"),
        (["registration", "audit", "--help"], "USAGE: assay registration audit ", "--record"),
        (["help", "assign"], "USAGE: assay assign ", "SUBCOMMANDS:"),
        (["draw", "announce", "--help"], "USAGE: assay draw announce ", "OPTIONS:"),
        (["--help"], "USAGE: assay <subcommand>", "  coordinators: report, draw, directory, assign"),
    ])
    func pluginHelp(_ arguments: [String], _ usage: String, _ option: String) throws {
        let result = try AssayCommand.run(arguments, in: try Self.emptyFolder())
        #expect(result.status == 0)
        #expect(result.output.contains(usage), "\(result.output)")
        #expect(result.output.contains(option), "\(result.output)")
        #expect(!result.output.contains("Show subcommand help information"))
    }

    @Test("usage errors have one format: 'error: …' and the command's own usage line", arguments: [
        (["case", "take"], "error: Missing expected argument '--actor <actor>'", "Usage: assay case take "),
        (["review", "answer", "bs/1"], "error: Missing expected argument '--actor <actor>'", "Usage: assay review answer "),
        (["case", "take", "bs/1", "submit", "--actor", "a", "--role", "r", "--for", "region:410800", "--at", "2022-02-30T09:00"],
         "error: '2022-02-30T09:00' is not a real time: February 2022 has 28 days", "Usage: assay case take "),
    ])
    func usageErrors(_ arguments: [String], _ message: String, _ usage: String) throws {
        let result = try AssayCommand.run(arguments, in: try Self.emptyFolder())
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix(message + "\n"), "\(result.errors)")
        #expect(result.errors.contains(usage), "\(result.errors)")
        #expect(!result.errors.contains("Error:"))
        #expect(!result.errors.contains("Usage: assay <subcommand>"))
    }

    @Test("plugin commands show times as every command does: in the campaign's zone, or the one --time-zone or --utc chooses")
    func pluginTimes() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let shown = try AssayCommand.run("registration", "show", "410882-006", "--store", "sqlite:s.sqlite", in: folder)
        #expect(shown.output.hasPrefix("410882-006: compliant (audited 2022-03-26T09:00:00+08:00 under registration-rules 2022)"), "\(shown.output)")
        let utc = try AssayCommand.run("registration", "show", "410882-006", "--store", "sqlite:s.sqlite", "--utc", in: folder)
        #expect(utc.output.hasPrefix("410882-006: compliant (audited 2022-03-26T01:00:00Z under"), "\(utc.output)")
        let archive = try AssayCommand.run("rectification", "show", "basic-standard/410882-001", "--store", "sqlite:s.sqlite", "--time-zone", "Asia/Shanghai", in: folder)
        #expect(archive.output.contains("closed by county-expert-2@410882 at 2022-06-09T09:00:00+08:00"), "\(archive.output)")
        let report = try AssayCommand.run("report", "--at", "2022-06-30", "--store", "sqlite:s.sqlite", "--time-zone", "Europe/Paris", in: folder)
        #expect(report.output.hasPrefix("monthly report as of 2022-06-30T17:59:59+02:00 · "), "\(report.output)")
        let badZone = try AssayCommand.run("report", "--store", "sqlite:s.sqlite", "--time-zone", "Mars/Olympus", in: folder)
        #expect(badZone.status == 2)
    }

    @Test("case open finds the institution in the latest directory snapshot imported, not in the demo's built-in list")
    func institutionsFromTheDirectory() throws {
        let folder = try Self.emptyFolder()
        let directory = folder.appendingPathComponent("directory")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [
            "regions.csv": "code,level,name,parent_code\n410000,province,河南省,\n410800,city,焦作市,410000\n410821,county,修武县,410800\n",
            "institutions.csv": "institution_id,county_code,name,type\nXW-1,410821,周庄镇卫生院,township-health-centre\nXW-2,410821,,\n",
            "experts.csv": "expert_id,home_county,home_institution,level,specialties,capacity\ne-1,410821,,city,clinical,3\n",
            "groups.csv": "group_id,level,covers,members\nG1,city,410821,e-1\n",
            "conflicts.csv": "expert_id,institution_id\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        let coordinator = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800"]
        let imported = try AssayCommand.run(["directory", "import", directory.path, "--at", "2022-02-01T09:00"] + coordinator, in: folder)
        #expect(imported.status == 0, "\(imported.errors)")
        let staff = ["--actor", "staff@XW-1", "--role", "institution", "--for", "institution:XW-1", "--at", "2022-03-01T09:00"]
        let opened = try AssayCommand.run(["case", "open", "bs/1", "--flow", "basic-standard", "--institution", "XW-1"] + staff, in: folder)
        #expect(opened.status == 0, "\(opened.errors)")
        #expect(opened.output.contains("case bs/1: 周庄镇卫生院 (XW-1, region 410821)"), "\(opened.output)")
        // Listed without a name, or not listed (a Jiaozuo institution of the demo's list): refused, nothing written.
        let before = try AssayCommand.run("verify", in: folder).output
        let unnamed = try AssayCommand.run(["case", "open", "bs/2", "--flow", "basic-standard", "--institution", "XW-2"] + staff, in: folder)
        #expect(unnamed.status == 1)
        #expect(unnamed.errors.hasPrefix("error: institution XW-2 is not listed with a name in directory snapshot "), "\(unnamed.errors)")
        let demoOnly = try AssayCommand.run(["case", "open", "bs/3", "--flow", "basic-standard", "--institution", "410883-002"] + staff, in: folder)
        #expect(demoOnly.status == 1)
        #expect(demoOnly.errors.hasPrefix("error: institution 410883-002 is not listed with a name in directory snapshot "), "\(demoOnly.errors)")
        #expect(try AssayCommand.run("verify", in: folder).output == before)
    }

    @Test("tick and history print a plugin's records in words, never raw JSON")
    func recordsInWords() throws {
        let folder = try Self.emptyFolder()
        let centre = try #require(Jiaozuo.institutions.first { $0.id == "410883-002" })
        let file = try CaseCommandTests.registrations([centre], in: folder)
        let csv = try String(contentsOfFile: file, encoding: .utf8)
        // The centre without legal-person status: not compliant.
        let row = try #require(csv.split(separator: "\n").last).replacingOccurrences(of: ",yes,", with: ",no,")
        try Data((csv.split(separator: "\n").first! + "\n" + row + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let commission = ["--actor", "commission@410883", "--role", "county-coordinator", "--for", "region:410883"]
        #expect(try AssayCommand.run(["registration", "audit", file, "--record", "--at", "2022-02-01T09:00"] + commission, in: folder).status == 1)
        let decided = try AssayCommand.run(["registration", "decide", "410883-002", "rectify", "--deadline", "2022-03-31", "--note", "限期补齐独立法人证书",
                                            "--at", "2022-02-02T09:00"] + commission, in: folder)
        #expect(decided.status == 0, "\(decided.errors)")
        let tick = try AssayCommand.run("tick", "--now", "2022-04-02T09:00", in: folder)
        #expect(tick.output.contains("institution:410883-002  registration-audit decision: decided not-evaluated: the rectification deadline 2022-03-31 passed  at 2022-04-02T09:00:00+08:00"),
                "\(tick.output)")
        let history = try AssayCommand.run("history", "institution:410883-002", in: folder)
        #expect(history.output.contains("recorded audit by commission@410883 (county-coordinator, county 410883): audited 会昌社区卫生服务中心 (code "), "\(history.output)")
        #expect(history.output.contains("not compliant — legal-person: "), "\(history.output)")
        #expect(history.output.contains("decided rectify by 2022-03-31: 限期补齐独立法人证书"), "\(history.output)")
        #expect(!tick.output.contains("{") && !history.output.contains("{"))
    }

    @Test("every command whose standard output cannot be written says so in one sentence and exits 1", arguments: [
        ["verify", "--store", "sqlite:s.sqlite"],
        ["case", "list", "--store", "sqlite:s.sqlite"],
        ["history", "basic-standard/410883-002", "--store", "sqlite:s.sqlite"],
        ["review", "show", "basic-standard/410883-001", "--store", "sqlite:s.sqlite"],
        ["plugins"],
    ])
    func outputThatCannotBeWritten(_ arguments: [String]) throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try AssayCommand.run(arguments, in: folder, output: full)
        #expect(result.status == 1)
        #expect(result.errors == "error: standard output could not be written (no space left on device); nothing more was printed\n")
    }

    @Test("--output replaces a regular file whole and refuses a device, leaving it as it was")
    func outputFiles() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let before = try AssayCommand.run("verify", "--store", "sqlite:s.sqlite", in: folder).output
        let device = try AssayCommand.run("report", "--store", "sqlite:s.sqlite", "--format", "html", "--output", "/dev/full", in: folder)
        #expect(device.status == 1)
        #expect(device.errors == "error: /dev/full is not a regular file; --output names a file to write, and nothing was written\n")
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        try Data("old".utf8).write(to: folder.appendingPathComponent("report.html"))
        let replaced = try AssayCommand.run("report", "--store", "sqlite:s.sqlite", "--format", "html", "--output", "report.html", in: folder)
        #expect(replaced.status == 0, "\(replaced.errors)")
        #expect(try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8).hasPrefix("<!doctype html>"))
        #expect(try AssayCommand.run("verify", "--store", "sqlite:s.sqlite", in: folder).output == before)
        #expect(try Self.contents(of: folder).filter { !$0.hasPrefix("s.sqlite") } == ["report.html"])
    }

    @Test("an impossible or incomplete time is refused by every command that records, and nothing is written", arguments: [
        ("2022-02-30T09:00", "error: '2022-02-30T09:00' is not a real time: February 2022 has 28 days"),
        ("2022-04-31T09:00:00+08:00", "error: '2022-04-31T09:00:00+08:00' is not a real time: April 2022 has 30 days"),
        ("2022-03-01", "error: '2022-03-01' is a day, not a moment; give the time too, such as 2022-03-01T09:00"),
    ])
    func impossibleTimes(_ time: String, _ message: String) throws {
        let folder = try Self.emptyFolder()
        let open = try AssayCommand.run(["case", "open", "bs/1", "--flow", "basic-standard", "--institution", "410883-002", "--at", time,
                                         "--actor", "staff@410883-002", "--role", "institution", "--for", "institution:410883-002"], in: folder)
        #expect(open.status == 2)
        #expect(open.errors.hasPrefix(message + "\nUsage: assay case open "), "\(open.errors)")
        #expect(try Self.contents(of: folder).isEmpty)
        #expect(try AssayCommand.run("demo", "--store", "sqlite:s.sqlite", in: folder).status == 0)
        let before = try AssayCommand.run("verify", "--store", "sqlite:s.sqlite", in: folder).output
        let record = try AssayCommand.run(["integrity", "record", "expert:e-1", "--id", "C-9", "--kind", "conflict", "--description", "亲属任职",
                                           "--date", "2022-03-01", "--institution", "410883-002", "--store", "sqlite:s.sqlite", "--at", time,
                                           "--actor", "e-1", "--role", "city-expert", "--for", "region:410800"], in: folder)
        #expect(record.status == 2)
        #expect(record.errors.hasPrefix("error: --at: " + message.dropFirst("error: ".count)), "\(record.errors)")
        #expect(try AssayCommand.run("verify", "--store", "sqlite:s.sqlite", in: folder).output == before)
    }

    @Test("history --at shows only the events up to that moment, in the reader's time zone")
    func historyAtAMoment() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", in: folder).status == 0)
        let full = try AssayCommand.run("history", "basic-standard/410883-002", "--time-zone", "Asia/Shanghai", in: folder)
        let early = try AssayCommand.run("history", "basic-standard/410883-002", "--time-zone", "Asia/Shanghai", "--at", "2022-03-19", in: folder)
        #expect(early.status == 0)
        let events = { (output: String) in output.split(separator: "\n").filter { $0.hasPrefix("#") } }
        #expect(events(early.output).count == 4)
        #expect(events(full.output).count > 4)
        #expect(events(early.output) == Array(events(full.output).prefix(4)))
        #expect(early.output.contains("#46  event 1  2022-03-01T09:00:00+08:00  opened in application"))
        #expect(early.output.hasSuffix("at 2022-03-19T23:59:59+08:00: stage onsite-review (since 2022-03-11T09:00:00+08:00), path application → initial-review → city-referral → onsite-review\n"))
        let utc = try AssayCommand.run("history", "basic-standard/410883-002", "--utc", "--at", "2022-03-01T01:00", in: folder)
        #expect(utc.output.contains("#46  event 1  2022-03-01T01:00:00Z"))
        let badZone = try AssayCommand.run("history", "basic-standard/410883-002", "--time-zone", "Mars/Olympus", in: folder)
        #expect(badZone.status == 2)
    }

    @Test("an auditor ties a case to the file of rules it followed by the definition's hash")
    func definitionsByHash() throws {
        let folder = try Self.emptyFolder()
        #expect(try AssayCommand.run("demo", in: folder).status == 0)
        let history = try AssayCommand.run("history", "basic-standard/410883-002", in: folder)
        let pinned = try #require(history.output.split(separator: "\n").first { $0.hasPrefix("flow basic-standard, definition ") })
        let hash = String(pinned.split(separator: " ").last ?? "")
        let file = Repository.workflows + "/basic-standard.yaml"
        let hashed = try AssayCommand.run("definition", "hash", file, in: folder)
        #expect(hashed.status == 0)
        #expect(hashed.output == "\(hash)  \(file)\n")

        let shown = try AssayCommand.run("definition", "show", String(hash.prefix(8)), in: folder)
        #expect(shown.status == 0)
        #expect(shown.output.hasPrefix("definition \(hash) (verified against its canonical JSON)\nflow basic-standard version 6"))
        let canonical = try AssayCommand.run("definition", "show", hash, "--format", "canonical", in: folder)
        let sha = try Subprocess.run("/usr/bin/env", ["sha256sum"], in: folder, input: Data(canonical.output.utf8))
        #expect(sha.output.hasPrefix(hash))
        let unknown = try AssayCommand.run("definition", "show", "abcdef", in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.errors == "error: the store holds no definition with hash abcdef; it holds 3 definitions\n")
    }

    @Test("assay plugins lists the registered plugins, as text and JSON")
    func pluginsAreListed() throws {
        let text = try AssayCommand.run("plugins")
        #expect(text.status == 0)
        #expect(text.output.hasPrefix("guidance-groups 1.0\n  guards:\n    checklist-meets-basic: the expert group's scored checklist is complete and meets the basic standard\n"))
        #expect(text.output.contains("  data files:\n    checklist: an on-site checklist: sections, items, and each tier's pass rule\n"))
        let json = try AssayCommand.run("plugins", "--format", "json")
        #expect(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [Any] != nil)
    }
}

/// Plugin records as an auditor reads them from the shell.
@Suite("Plugin records on the command line")
struct PluginRecordCLITests {
    @Test("history shows another subject's records; verify accepts them; replay without their plugin says it cannot vouch for them")
    func recordsAboutAnExpert() async throws {
        let folder = try OperatorTests.emptyFolder()
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("s.sqlite").path)
        let engine = Engine(library: FlowLibrary([FiguresPlugin.flow]), plugins: try PluginHost([FiguresPlugin()]), store: store)
        let expert = Actor(id: "county-expert-1@410883", role: "county-expert", jurisdiction: .region(RegionCode("410883")!))
        let conflict = PluginRecord(plugin: "figures", type: "conflict", by: expert,
                                    value: try RecordValue(encoding: FiguresPlugin.Conflict(institution: "410883-002", reason: "亲属任职")))
        try await engine.record(conflict, about: Subject(kind: "expert", id: expert.id), at: Date(timeIntervalSince1970: 1_646_096_400))

        let history = try AssayCommand.run("history", "expert:county-expert-1@410883", "--store", "sqlite:s.sqlite", "--utc", in: folder)
        #expect(history.status == 0, "\(history.errors)")
        #expect(history.output == """
            subject expert:county-expert-1@410883: 1 record
            #1  event 1  2022-03-01T01:00:00Z  figures recorded conflict by county-expert-1@410883 (county-expert, county 410883): conflict: institution 410883-002, reason 亲属任职

            """)
        #expect(try AssayCommand.run("verify", "--store", "sqlite:s.sqlite", in: folder).output.hasPrefix("1 event in 0 cases, 0 definitions, 0 checkpoints: verified"))
        let replay = try AssayCommand.run("replay", "--all", "--store", "sqlite:s.sqlite", in: folder)
        #expect(replay.status == 1)
        #expect(replay.output.contains("divergence: expert:county-expert-1@410883, event 1: the record does not hold: no plugin 'figures' is registered"))
    }
}
