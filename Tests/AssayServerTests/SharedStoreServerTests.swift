import AssayCore
import AssayHistory
import AssayStore
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Servers sharing one PostgreSQL database, as several instances behind a load balancer would.
@Suite("Servers on one PostgreSQL")
struct SharedStoreServerTests {
    /// The throwaway cluster `scripts/postgres` started (`scripts/test` runs it).
    static let adminURL = ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES_URL"]

    /// A new, empty database in that cluster.
    static func newDatabase() throws -> String {
        let admin = try #require(adminURL, "run the tests with scripts/test, which starts PostgreSQL")
        let name = "assay_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let created = try Subprocess.run("/usr/bin/env", ["psql", admin, "-q", "-c", "CREATE DATABASE \(name)"])
        #expect(created.status == 0, "\(created.errors)")
        return admin.replacingOccurrences(of: "/assay_test", with: "/\(name)")
    }

    @Test("two servers race on the same case version: exactly one wins, the other gets 409; a session signed in on one works on the other; the log verifies and replays",
          .enabled(if: adminURL != nil || ProcessInfo.processInfo.environment["CI"] == "true", "needs the PostgreSQL cluster scripts/test starts"))
    func raceOnOneVersion() async throws {
        let location = StoreLocation.postgres(url: try Self.newDatabase())
        let first = try await ServerFixture(at: location)
        let second = try await ServerFixture(at: location, setUp: false)
        let token = try await first.test { client in try await client.signIn("staff@410883-002") }
        let body = #"{"expectedVersion":1,"inputs":{"self-assessment":"自评达标"}}"#
        async let one = first.test { client in try await client.call(.post, "/cases/bs%2F1/actions/submit", token: token, json: body).status }
        async let other = second.test { client in try await client.call(.post, "/cases/bs%2F1/actions/submit", token: token, json: body).status }
        let statuses = try await [one, other].sorted()
        #expect(statuses == [200, 409])
        let events = try await first.store.events(of: "bs/1")
        #expect(events.count == 2)
        #expect(try await LogVerifier(store: first.store).run().problems.isEmpty)
        #expect(try await Replayer(store: first.store, plugins: first.engine.plugins).run().isConsistent)
    }
}
