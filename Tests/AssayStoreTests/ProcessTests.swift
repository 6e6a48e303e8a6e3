import AssayCore
import AssayHistory
import AssayStore
import Foundation
import Testing

/// Other processes on the same store: racing writers, eight writers at once and a writer killed
/// mid-stream.
@Suite("Stores shared by processes")
struct ProcessTests {
    static let kinds = StoreKind.durable.filter(\.isAvailable)

    /// Starts `store-worker` (built beside the tests) with `arguments`.
    static func worker(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("store-worker")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }

    @Test("two processes racing for one case: exactly one wins each version", arguments: kinds)
    func racingProcesses(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let location = try #require(fixture.location).description
        let versions = 60
        let workers = try (0..<2).map { _ in try Self.worker([location, "race", "contested", String(versions)]) }
        var won: [[Int]] = []
        for (process, output) in workers {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            won.append(text.split(separator: "\n").compactMap { $0.hasPrefix("won ") ? Int($0.dropFirst(4)) : nil })
        }
        #expect((won[0] + won[1]).sorted() == Array(1...versions))
        #expect(Set(won[0]).isDisjoint(with: won[1]))
        #expect(try await fixture.store.events(of: "contested").map(\.sequence) == Array(1...versions))
        #expect(try await fixture.store.logSize() == versions)
        #expect(try await LogVerifier(store: fixture.store).run().isValid)
    }

    @Test("eight processes appending at once, as eight servers would: every append kept, positions gap-free", arguments: kinds)
    func eightWriters(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let location = try #require(fixture.location).description
        let writers = 8, casesEach = 40
        let workers = try (0..<writers).map { try Self.worker([location, "stream", "writer\($0)", String(casesEach)]) }
        for (process, output) in workers {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(text.split(separator: "\n").last == "ack \(casesEach)")
        }
        let expected = Set((0..<writers).flatMap { writer in (1...casesEach).map { CaseID("writer\(writer)-\($0)") } })
        #expect(Set(try await fixture.store.caseIDs()) == expected)
        var positions: [Int] = []
        for try await batch in LogReader(store: fixture.store) { positions += batch.map(\.position) }
        #expect(positions == Array(1...(writers * casesEach)))
        let report = try await LogVerifier(store: fixture.store).run()
        #expect(report.isValid, "\(report.problems)")
    }

    @Test("a writer killed with SIGKILL mid-stream loses no acknowledged append and leaves nothing partial", arguments: kinds)
    func killedWriter(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let location = try #require(fixture.location)
        let (process, output) = try Self.worker([location.description, "stream", "killed", "1000000"])
        var acknowledged = 0
        var pending = ""
        while acknowledged < 300 {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            pending += String(decoding: data, as: UTF8.self)
            let lines = pending.split(separator: "\n", omittingEmptySubsequences: false)
            pending = String(lines.last ?? "")
            acknowledged = lines.dropLast().compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }.max() ?? acknowledged
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged >= 300)

        let reopened = try await location.open()
        let ids = Set(try await reopened.caseIDs())
        for index in 1...acknowledged {
            #expect(ids.contains(CaseID("killed-\(index)")), "acknowledged case killed-\(index) is missing")
        }
        let report = try await LogVerifier(store: reopened).run()
        #expect(report.isValid, "\(report.problems)")
        #expect(report.events == ids.count)
    }
}
