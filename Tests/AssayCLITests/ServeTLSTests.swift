import AssayTestSupport
import Foundation
import Testing

/// `assay serve --tls-cert --tls-key`: HTTPS from the server itself, for a deployment without
/// a proxy in front.
@Suite("The server over TLS")
struct ServeTLSTests {
    @Test("with a certificate and its key the server speaks HTTPS; one without the other is a usage error")
    func https() async throws {
        let folder = try OperatorTests.emptyFolder()
        let made = try Subprocess.run("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                                                       "-keyout", "key.pem", "-out", "cert.pem"], in: folder)
        #expect(made.status == 0, "\(made.errors)")
        let store = "sqlite:" + folder.appendingPathComponent("store.sqlite").path
        let half = try AssayCommand.run("serve", "--store", store, "--tls-cert", "cert.pem")
        #expect(half.status == 2 && half.errors.contains("give --tls-cert and --tls-key together"), "\(half.errors)")

        let port = try ServerCrashTests.freePort()
        let server = Process()
        server.executableURL = AssayCommand.executable
        server.arguments = ["serve", "--store", store, "--listen", "127.0.0.1:\(port)", "--tls-cert", "cert.pem", "--tls-key", "key.pem"]
        server.currentDirectoryURL = folder
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var answered = ""
        for _ in 0..<100 where !answered.contains("live") {
            answered = try Subprocess.run("/usr/bin/env", ["curl", "-sk", "https://127.0.0.1:\(port)/health/live"]).output
            if !answered.contains("live") { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answered.contains("\"live\""))
        let plain = try Subprocess.run("/usr/bin/env", ["curl", "-s", "http://127.0.0.1:\(port)/health/live"])
        #expect(!plain.output.contains("\"live\""))
    }
}
