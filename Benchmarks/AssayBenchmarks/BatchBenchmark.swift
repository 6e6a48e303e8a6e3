import AssayCore
import AssayDemo
import Coordinators
import Foundation
import GRDB
import IntegrityRecords
import RegistrationAudit

/// The batch commands on a nation's files — `registration audit --record`, `integrity import`,
/// `directory import` — each an `assay` process (the files pass, so each records them all) recording into a new SQLite store in one
/// transaction, beside its peer in the same run: the same files read by the plain CSV reader
/// and their rows inserted by plain GRDB into a new SQLite file, in one transaction.
struct BatchBenchmark {
    let institutions: Int
    let seed: UInt64
    let assay: String
    let folder: URL

    /// One batch command and its peer, each the median of its runs.
    struct Line {
        var name: String
        var rows: Int
        var command: AuditBenchmark.Run
        var peerSeconds: Double
    }

    func run(repetitions: Int) throws -> [Line] {
        let rules = try BuiltInRules.file().content.decode(as: RegistrationRules.self)
        let directory = NationalDirectory(institutions: institutions, divisions: rules.divisions, seed: seed)
        let registrations = folder.appendingPathComponent("registrations.csv")
        try RegistrationBenchmark(rows: institutions).file(rules: rules, compliant: true).write(to: registrations, atomically: true, encoding: .utf8)
        let integrity = folder.appendingPathComponent("integrity.csv")
        try Self.integrityFile(directory).write(to: integrity, atomically: true, encoding: .utf8)
        let directoryFolder = folder.appendingPathComponent("directory")
        try FileManager.default.createDirectory(at: directoryFolder, withIntermediateDirectories: true)
        let files = directory.files
        for (name, text) in zip(Directory.Files.names, [files.regions, files.institutions, files.experts, files.groups, files.conflicts]) {
            try text.write(to: directoryFolder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let acting = ["--actor", "commission@nation", "--role", "national-coordinator", "--for", "region:110000", "--at", "2022-03-01T09:00"]
        return [
            try line("registration audit --record", files: [registrations], repetitions: repetitions) { store in
                [assay, "registration", "audit", registrations.path, "--record"] + acting + ["--store", store]
            },
            try line("integrity import", files: [integrity], repetitions: repetitions) { store in
                [assay, "integrity", "import", integrity.path] + acting + ["--store", store]
            },
            try line("directory import", files: Directory.Files.names.map { directoryFolder.appendingPathComponent($0) }, repetitions: repetitions) { store in
                [assay, "directory", "import", directoryFolder.path] + acting + ["--store", store]
            },
        ]
    }

    /// The command `command(store)` into a new store each run, and the peer over `files`.
    private func line(_ name: String, files: [URL], repetitions: Int, command: (String) -> [String]) throws -> Line {
        var runs: [AuditBenchmark.Run] = [], peers: [Double] = []
        var rows = 0
        for run in 0..<repetitions {
            let store = folder.appendingPathComponent("batch-\(run).sqlite").path
            runs.append(try AuditBenchmark.timed(command("sqlite:\(store)")))
            Self.remove(store)
            let peer = folder.appendingPathComponent("peer-\(run).sqlite").path
            let inserted = try Self.plainInsert(files, into: peer)
            (rows, _) = (inserted.rows, peers.append(inserted.seconds))
            Self.remove(peer)
        }
        return Line(name: name, rows: rows, command: runs.sorted { $0.seconds < $1.seconds }[repetitions / 2], peerSeconds: peers.sorted()[repetitions / 2])
    }

    /// The files read by the plain CSV reader and every row inserted (its fields as one text)
    /// into a new SQLite file by GRDB, in one transaction, as the store is opened (WAL, full
    /// sync): the rows inserted and the seconds taken.
    static func plainInsert(_ files: [URL], into path: String) throws -> (rows: Int, seconds: Double) {
        let start = Date()
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabasePool(path: path, configuration: configuration)
        var rows = 0
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE row (n INTEGER PRIMARY KEY, file TEXT NOT NULL, fields TEXT NOT NULL)")
            let insert = try db.makeStatement(sql: "INSERT INTO row (file, fields) VALUES (?, ?)")
            for file in files {
                let table = CSVTable.rows(try String(contentsOf: file, encoding: .utf8)) ?? []
                for fields in table.dropFirst() {
                    try insert.execute(arguments: [file.lastPathComponent, fields.joined(separator: "\u{1F}")])
                    rows += 1
                }
            }
        }
        try queue.close()
        return (rows, Date().timeIntervalSince(start))
    }

    /// A pending violation recorded against each institution of the directory.
    static func integrityFile(_ directory: NationalDirectory) -> String {
        var lines = [IntegrityCSV.columns.joined(separator: ",")]
        for (index, institution) in directory.institutions.enumerated() {
            lines.append("institution:\(institution.id),violation,V-2022-\(index + 1),未按规定公示收费标准,2022-02-15,pending,,,,,")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
