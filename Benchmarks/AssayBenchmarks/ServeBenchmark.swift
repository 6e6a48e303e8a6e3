import Accounts
import AssayCore
import AssayDemo
import AssayServer
import AssayStore
import Coordinators
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// `assay serve` under load from wrk (Debian's package) at 64 connections on loopback, beside
/// the same operations called on the library in this process: reading a case (its state and
/// what an account may do) and a member's answer (one durable append, synchronous = FULL).
struct ServeBenchmark {
    let workflows: String
    let folder: URL
    /// The release `assay` that serves.
    let assay: String
    let seconds: Int

    /// One measured rate, with wrk's latencies when it measured one.
    struct Rate {
        var name: String
        var perSecond: Double
        var p50: String?
        var p99: String?
    }

    static let member = Actor(id: "city-expert-a", role: "city-expert", jurisdiction: .region(RegionCode("410800")!))

    /// A store with one case at the on-site review, its team and group formed, the member's account.
    func prepare(_ path: String) async throws -> Engine {
        let store = try SQLiteEventStore(path: path)
        let host = try PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators(), Accounts()])
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([workflows]).map(\.definition)), plugins: host, store: store)
        let institution = Jiaozuo.institutions.first { $0.id == "410883-002" }!
        let start = DemoScenario.start
        let rules = try BuiltInRules.file()
        let hash = try await engine.storeDataFile(rules, by: DemoCast.cityCommission, at: start)
        let decoded = try rules.content.decode(as: RegistrationRules.self)
        try await engine.record(try DemoRegistrations.audits(of: [(institution, DemoRegistrations.registration(of: institution, rules: decoded))], rules: decoded,
                                                             hash: hash.hex, by: DemoCast.cityCommission), at: start)
        try await engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: start)
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: start)
        try await engine.take("initial-pass", on: "bs/1", by: DemoCast.countyExpert(institution.region), inputs: ["decision": "pass"], at: start)
        let state = try await engine.take("refer-to-city", on: "bs/1", by: DemoCast.countyCommission(institution.region), at: start)
        let team = TeamAssigned(assignment: "bench", stage: state.stage, seats: [.init(seat: "clinical", expert: Self.member.id), .init(seat: "care", expert: "city-expert-b")])
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: DemoCast.cityCommission, value: try RecordValue(encoding: team)),
                                about: state.id, at: start)
        let checklist = try BuiltInData.file(kind: "checklist", id: "community-health-service-centre")
        let group = GroupFormed(checklist: checklist.hash.hex, members: [Self.member.id, "city-expert-b"], leader: Self.member.id)
        try await engine.record([SubjectRecord(subject: state.id, record: PluginRecord(plugin: GuidanceGroups.name, type: RecordType.group, by: DemoCast.cityCommission,
                                                                                       value: try RecordValue(encoding: group)))],
                                storing: [checklist], by: DemoCast.cityCommission, at: start)
        try await AccountAdministration(engine: engine, credentials: store, bcryptCost: 10)
            .grant(Self.member.id, role: Self.member.role, for: "region:410800", password: "password-of-the-bench", by: DemoCast.cityCommission, at: start)
        return engine
    }

    /// The rates in this order: the library's reads, the server's, the library's answers, the server's.
    func run() async throws -> [Rate] {
        let path = folder.appendingPathComponent("serve.sqlite").path
        let engine = try await prepare(path)
        var rates: [Rate] = []
        // The library: the same operations, one task, back to back.
        let reads = 2_000
        let read = try await Measurement.run("read", repetitions: 5) {
            for _ in 0..<reads {
                let state = try await engine.state(of: "bs/1")
                _ = try engine.transition(for: state).availability(on: state, for: Self.member, at: Timestamp(Date()), plugins: try await engine.currentPluginStates())
            }
        }
        rates.append(Rate(name: "library: read a case and what the member may do", perSecond: Double(reads) / read.median))

        // The server, as its own process, under wrk.
        let port = 18_000 + Int.random(in: 0..<2_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: assay)
        server.arguments = ["serve", "--store", "sqlite:\(path)", "--listen", "127.0.0.1:\(port)"]
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        var token: String?
        for _ in 0..<100 where token == nil {
            token = try? await Self.signIn(base)
            if token == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard let token else { throw ServeBenchmarkError.serverDidNotStart }
        let script = folder.appendingPathComponent("answer.lua")
        try Data("""
            wrk.method = "POST"
            wrk.body = '{"item":"2.8","value":"A"}'
            wrk.headers["Content-Type"] = "application/json"
            """.utf8).write(to: script)
        // Reads on the log the library read; then the answers, the library's first.
        rates.append(try wrk("server: GET /cases/{id}", url: "\(base)/cases/bs%2F1", token: token))
        let answers = 200
        let answer = try RecordValue(encoding: ItemAnswer(item: "2.8", answer: AnswerValue(value: "A")))
        let append = try await Measurement.run("answer", repetitions: 3) {
            for _ in 0..<answers {
                try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: RecordType.answer, by: Self.member, value: answer), about: "bs/1", at: Date())
            }
        }
        rates.append(Rate(name: "library: an answer, one durable append", perSecond: Double(answers) / append.median))
        rates.append(try wrk("server: POST /cases/{id}/answers", url: "\(base)/cases/bs%2F1/answers", token: token, script: script.path))
        return rates
    }

    private static func signIn(_ base: String) async throws -> String {
        var request = URLRequest(url: URL(string: "\(base)/sessions")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"account":"city-expert-a","password":"password-of-the-bench"}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let token = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String else { throw ServeBenchmarkError.serverDidNotStart }
        return token
    }

    /// wrk's requests/s and its 50th and 99th percentile latencies.
    private func wrk(_ name: String, url: String, token: String, script: String? = nil) throws -> Rate {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = ["-t2", "-c64", "-d\(seconds)s", "--latency", "-H", "Authorization: Bearer \(token)"] + (script.map { ["-s", $0] } ?? []) + [url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func field(_ prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) }?.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
        guard let rate = field("Requests/sec:").flatMap(Double.init) else { throw ServeBenchmarkError.wrk(text) }
        if let non2xx = field("Non-2xx or 3xx responses:") { print("  (\(name): \(non2xx) responses were not 2xx)") }
        return Rate(name: name, perSecond: rate, p50: field("50%"), p99: field("99%"))
    }
}

enum ServeBenchmarkError: Error, CustomStringConvertible {
    case serverDidNotStart
    case wrk(String)

    var description: String {
        switch self {
        case .serverDidNotStart: "the server did not start or sign in; build it with swift build -c release --product assay"
        case .wrk(let output): "wrk printed no rate (install it: apt-get install wrk):\n\(output)"
        }
    }
}
