import AssayCore
import AssayDemo
import AssayStore
import Foundation

/// Appends from several processes at once, as that many servers would, into a store that already
/// holds a log (the national campaign's): each writer an `assay-bench writer` process driving
/// cases of its own through the engine, one transaction an action. Beside it, the peer: as many
/// single-row commits of the same bodies by the store's own client (`psql`, or `sqlite3` into a
/// file of its own) from as many processes. After the runs the appended positions are read back:
/// gap-free, and every event a writer acknowledged is there.
struct WritersBenchmark {
    let store: StoreLocation
    /// This benchmark tool, which the writers run as.
    let tool: String
    let folder: URL
    /// Cases each run writes, shared among its writers.
    let cases: Int

    /// The writers of one run, and the seconds Assay and the peer took, each the median of its runs.
    struct Line {
        var writers: Int
        var events: Int
        var seconds: Double
        var peerSeconds: Double
    }

    struct Outcome {
        var lines: [Line]
        /// The events the writers acknowledged, and whether the log holds exactly those after the
        /// positions it held before, with no gap.
        var acknowledged: Int
        var appended: Int
        var gapFree: Bool
    }

    func run(writerCounts: [Int], repetitions: Int) async throws -> Outcome {
        let eventStore = try await store.open(.read)
        let before = try await eventStore.logSize()
        let bodies = try Self.bodies()
        var lines: [Line] = [], acknowledged = 0, round = 0
        for writers in writerCounts {
            var seconds: [Double] = [], peerSeconds: [Double] = []
            for _ in 0..<repetitions {
                round += 1
                let (elapsed, events) = try runWriters(writers, prefix: "writers-\(round)")
                seconds.append(elapsed)
                acknowledged += events
                peerSeconds.append(try runPeer(writers, round: round, bodies: bodies))
            }
            lines.append(Line(writers: writers, events: cases / writers * writers * CaseGenerator.eventsPerCase, seconds: seconds.sorted()[repetitions / 2],
                              peerSeconds: peerSeconds.sorted()[repetitions / 2]))
        }
        try dropPeerTable()
        let (appended, gapFree) = try await Self.readBack(eventStore, after: before)
        return Outcome(lines: lines, acknowledged: acknowledged, appended: appended, gapFree: gapFree)
    }

    /// Starts `writers` writer processes on `cases` cases between them; returns the seconds from
    /// the first one's first append to the last one's last (their starts are not counted) and the
    /// events they acknowledged.
    private func runWriters(_ writers: Int, prefix: String) throws -> (seconds: Double, events: Int) {
        let processes = try (0..<writers).map { writer in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["writer", "--store", store.description, "--writer-prefix", "\(prefix)-\(writer)", "--writer-cases", String(cases / writers)]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            return (process, output)
        }
        var starts: [Double] = [], ends: [Double] = [], events = 0
        for (process, output) in processes {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard process.terminationStatus == 0, fields.count == 3, let start = Double(fields[0]), let end = Double(fields[1]), let count = Int(fields[2]) else {
                throw BenchmarkError("a writer exited \(process.terminationStatus) after printing \(text.debugDescription)")
            }
            starts.append(start)
            ends.append(end)
            events += count
        }
        return (ends.max()! - starts.min()!, events)
    }

    /// One writer process: `cases` cases named PREFIX-N on the benchmark flow, each opened and
    /// taken along the engine benchmark's route, an append an action. Prints the wall-clock
    /// moments of its first and last append and the events it appended.
    static func write(store location: StoreLocation, prefix: String, cases: Int, flows: String) async throws {
        let library = FlowLibrary(try DefinitionLoader().loadAll([flows]).map(\.definition))
        let engine = Engine(library: library, store: try await location.open(.write))
        let start = DemoScenario.start.addingTimeInterval(400 * 86_400)
        let institutions = Jiaozuo.institutions
        var events = 0
        let first = Date().timeIntervalSince1970
        for index in 0..<cases {
            let institution = institutions[index % institutions.count]
            let id = CaseID("\(prefix)-\(index)")
            try await engine.open(id, institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: start)
            for (day, step) in EngineBenchmark.route.enumerated() {
                try await engine.take(step.action, on: id, by: EngineBenchmark.actor(for: step.action, institution: institution),
                                      inputs: step.inputs, at: start.addingTimeInterval(Double(day + 1) * 86_400))
            }
            events += CaseGenerator.eventsPerCase
        }
        print("\(first) \(Date().timeIntervalSince1970) \(events)")
    }

    /// The canonical bodies of one benchmark case's events: what the peer inserts for each case.
    private static func bodies() throws -> [[UInt8]] {
        let library = FlowLibrary(try DefinitionLoader().loadAll(["Benchmarks/Flows"]).map(\.definition))
        return try CaseGenerator(library: library).events(ofCase: 0).map(\.canonicalBytes)
    }

    /// `writers` processes of the store's own client, each committing its share of the run's
    /// rows one statement at a time into a plain table (position, subject, sequence, body; the
    /// subject and sequence unique), at the store's durability. Returns the seconds, starts included.
    private func runPeer(_ writers: Int, round: Int, bodies: [[UInt8]]) throws -> Double {
        let scripts = try (0..<writers).map { writer in
            var script = peerPreamble
            for index in 0..<(cases / writers) {
                for (sequence, body) in bodies.enumerated() {
                    let hex = body.map { String(format: "%02x", $0) }.joined()
                    script += "INSERT INTO writers_peer (case_id, case_sequence, body) VALUES ('peer-\(round)-\(writer)-\(index)', \(sequence + 1), \(blobLiteral(hex)));\n"
                }
            }
            let file = folder.appendingPathComponent("peer-\(round)-\(writer).sql")
            try script.write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        let started = Date()
        let processes = try scripts.map { script in
            let process = Process()
            process.standardInput = try FileHandle(forReadingFrom: script)
            process.standardOutput = FileHandle.nullDevice
            switch store {
            case .sqlite:
                process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
                process.arguments = ["-bail", peerSQLitePath]
            case .postgres(let url):
                process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
                process.arguments = [url, "-qX", "-v", "ON_ERROR_STOP=1"]
            }
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw BenchmarkError("a peer writer exited \(process.terminationStatus)") }
        }
        return Date().timeIntervalSince(started)
    }

    private var peerSQLitePath: String { folder.appendingPathComponent("writers-peer.sqlite").path }

    /// Each peer script's first lines: the plain table (made by whichever comes first) and, for
    /// SQLite, the store's journal, durability and a wait for the write lock.
    private var peerPreamble: String {
        switch store {
        case .sqlite(_, let durability):
            """
            .timeout 60000
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = \(durability.rawValue.uppercased());
            CREATE TABLE IF NOT EXISTS writers_peer (position INTEGER PRIMARY KEY, case_id TEXT NOT NULL, case_sequence INTEGER NOT NULL, body BLOB NOT NULL, UNIQUE (case_id, case_sequence));

            """
        case .postgres:
            """
            SET client_min_messages = warning;
            CREATE TABLE IF NOT EXISTS writers_peer (position BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL, case_sequence INTEGER NOT NULL, body BYTEA NOT NULL, UNIQUE (case_id, case_sequence));

            """
        }
    }

    private func blobLiteral(_ hex: String) -> String {
        if case .sqlite = store { "X'\(hex)'" } else { "'\\x\(hex)'" }
    }

    private func dropPeerTable() throws {
        switch store {
        case .sqlite: try? FileManager.default.removeItem(atPath: peerSQLitePath)
        case .postgres(let url): _ = try AuditBenchmark.timed(["/usr/bin/psql", url, "-qX", "-c", "DROP TABLE IF EXISTS writers_peer"])
        }
    }

    /// The entries after position `before`: how many, and whether their positions run on from it
    /// with no gap and every benchmark case holds all its events.
    private static func readBack(_ store: any EventStore, after before: Int) async throws -> (appended: Int, gapFree: Bool) {
        var next = before + 1, perCase: [Subject: Int] = [:]
        while true {
            let entries = try await store.entries(from: next, limit: 10_000)
            guard !entries.isEmpty else { break }
            for entry in entries {
                guard entry.position == next else { return (next - before - 1, false) }
                next += 1
                perCase[entry.subject, default: 0] += 1
            }
        }
        let whole = perCase.allSatisfy { $0.key.value.hasPrefix("writers-") && $0.value == CaseGenerator.eventsPerCase }
        return (next - before - 1, whole)
    }
}
