import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `assay serve` as a process, killed with SIGKILL while actions are in flight: every action it
/// acknowledged (2xx) is in the log afterwards, and the log verifies.
@Suite("The server killed mid-load")
struct ServerCrashTests {
    static let cases = 40

    /// A free loopback port.
    static func freePort() throws -> Int {
        let found = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return try #require(Int(found.output.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    static func request(_ method: String, _ url: URL, token: String? = nil, json: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test("every action acknowledged before a SIGKILL is in the log after it")
    func killedServerLosesNothingAcknowledged() async throws {
        let folder = try OperatorTests.emptyFolder()
        let store = "sqlite:" + folder.appendingPathComponent("store.sqlite").path
        let institution = try #require(Jiaozuo.institutions.first { $0.id == "410883-002" })
        let commission = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800"]
        let registrations = try CaseCommandTests.registrations([institution], in: folder)
        #expect(try AssayCommand.run(["registration", "audit", registrations, "--record", "--store", store] + commission).status == 0)
        for number in 1...Self.cases {
            let opened = try AssayCommand.run(["case", "open", "bs/\(number)", "--flow", "basic-standard", "--institution", "410883-002", "--store", store,
                                               "--actor", "staff@410883-002", "--role", "institution", "--for", "institution:410883-002"])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        let added = try Subprocess.run(AssayCommand.executable.path, ["user", "add", "staff@410883-002", "--role", "institution", "--for", "institution:410883-002",
                                                                      "--password-stdin", "--store", store], input: Data("password-of-staff\n".utf8))
        #expect(added.status == 0, "\(added.errors)")

        let port = try Self.freePort()
        let server = Process()
        server.executableURL = AssayCommand.executable
        server.arguments = ["serve", "--store", store, "--listen", "127.0.0.1:\(port)"]
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await Self.request("GET", base.appendingPathComponent("health/ready")))?.0 == 200
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ready)
        let (status, data) = try await Self.request("POST", base.appendingPathComponent("sessions"), json: #"{"account":"staff@410883-002","password":"password-of-staff"}"#)
        #expect(status == 201)
        let token = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String)

        // Submit every case, four at a time; kill the server after the tenth acknowledgement.
        let acknowledged = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            var acknowledged: [Int] = []
            var next = 1
            func submit(_ number: Int) {
                group.addTask {
                    let taken = try? await Self.request("POST", URL(string: "\(base.absoluteString)/cases/bs%2F\(number)/actions/submit")!,
                                                        token: token, json: #"{"expectedVersion":1,"inputs":{"self-assessment":"自评达标"}}"#)
                    return (number, taken?.0 == 200)
                }
            }
            while next <= 4 { submit(next); next += 1 }
            for try await (number, ok) in group {
                if ok { acknowledged.append(number) }
                if acknowledged.count == 10, server.isRunning { kill(server.processIdentifier, SIGKILL) }
                if next <= Self.cases { submit(next); next += 1 }
            }
            return acknowledged
        }
        server.waitUntilExit()
        #expect(acknowledged.count >= 10)
        #expect(acknowledged.count < Self.cases, "the server was killed before every action was sent")
        let listed = try AssayCommand.run("case", "list", "--stage", "initial-review", "--store", store)
        let submitted = Set(listed.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        for number in acknowledged { #expect(submitted.contains("bs/\(number)"), "bs/\(number) was acknowledged and is lost") }
        let verified = try AssayCommand.run("verify", "--store", store)
        #expect(verified.status == 0, "\(verified.output)\(verified.errors)")
    }
}
