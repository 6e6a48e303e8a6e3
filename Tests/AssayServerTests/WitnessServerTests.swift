import AssayCore
import AssayHistory
import AssayServer
import AssayWitness
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The witness over HTTP answers as C2SP tlog-witness says: the cosignature line, 409 with the
/// size it remembers, and each refusal's status.
@Suite("The witness over HTTP")
struct WitnessServerTests {
    static let origin = "city.jiaozuo.example/reviews"
    static let leaves = (0..<12).map { LogHash.leaf(Array("entry \($0)".utf8)) }

    /// The add-checkpoint body from `old` to `size` of `leaves`, signed by `key` for `origin`.
    static func request(_ old: Int, _ size: Int, key: CheckpointKey, origin: String) throws -> String {
        let note = try key.sign(number: 1, origin: origin, treeSize: size, rootHash: MerkleTree.root(leaves[..<size]), at: Timestamp(milliseconds: 0)).note ?? ""
        return AddCheckpointRequest(oldSize: old, proof: MerkleTree.consistencyProof(oldSize: old, leaves[..<size]), note: note).text
    }

    @Test("add-checkpoint answers 200 with a cosignature line, 409 with the remembered size as text/x.tlog.size, and 404, 403, 422, 400 for the refusals")
    func addCheckpoint() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witness-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let witnessKey = CheckpointKey(), logKey = CheckpointKey()
        try witnessKey.write(to: folder.appendingPathComponent("w.key").path)
        let store = try WitnessStore(path: folder.appendingPathComponent("w.sqlite").path, create: true)
        try store.initialise(.init(name: "witness.henan.example/province", publicKey: witnessKey.publicKey, keyFile: folder.appendingPathComponent("w.key").path))
        try store.add(.init(origin: Self.origin, keyName: Self.origin, publicKey: Hex.decode(logKey.publicKey) ?? []))
        let leaves = Self.leaves
        @Sendable func request(_ old: Int, _ size: Int, key: CheckpointKey? = nil, origin: String = Self.origin) throws -> String {
            try Self.request(old, size, key: key ?? logKey, origin: origin)
        }

        let app = Application(router: WitnessServer(witness: try Witness(store: store)).router())
        try await app.test(.router) { client in
            func post(_ body: String) async throws -> (Int, String, String?) {
                try await client.execute(uri: "/add-checkpoint", method: .post, body: ByteBuffer(string: body)) { response in
                    (Int(response.status.code), String(buffer: response.body), response.headers[.contentType])
                }
            }
            let (status, body, _) = try await post(try request(0, 5))
            #expect(status == 200)
            let line = try #require(try SignedNote.signatures(in: body[...]).first)
            let cosignature = try #require(Cosignature(line, name: "witness.henan.example/province", publicKey: Hex.decode(witnessKey.publicKey) ?? []))
            #expect(cosignature.isValid(forBody: try SignedNote(try AddCheckpointRequest(try request(0, 5)).note).body))

            let conflict = try await post(try request(0, 9))
            #expect(conflict.0 == 409 && conflict.1 == "5\n" && conflict.2 == "text/x.tlog.size")
            #expect(try await post(try request(5, 9)).0 == 200)
            #expect(try await post(try request(0, 9, origin: "city.xinxiang.example/reviews")).0 == 404)
            #expect(try await post(try request(9, 11, key: CheckpointKey())).0 == 403)
            var badProof = try AddCheckpointRequest(try request(9, 11))
            badProof.proof[0] = leaves[0]
            #expect(try await post(badProof.text).0 == 422)
            #expect(try await post(try request(9, 7)).0 == 400)
            #expect(try await post("old 9\n").0 == 400)
            #expect(try await post(String(repeating: "x", count: 20_000)).0 == 413)

            // A monitor reads the latest cosigned note, with the witness's line, by the origin's hash.
            let originHash = Hex.encode(SHA256.hash(data: Array(Self.origin.utf8)))
            let latest = try await client.execute(uri: "/\(originHash)/checkpoint", method: .get) { (Int($0.status.code), String(buffer: $0.body)) }
            #expect(latest.0 == 200)
            let note = try SignedNote(latest.1)
            #expect(try note.checkpointBody().treeSize == 9)
            #expect(note.signatures.map(\.name) == [Self.origin, "witness.henan.example/province"])
            let unknown = Hex.encode(SHA256.hash(data: Array("city.xinxiang.example/reviews".utf8)))
            #expect(try await client.execute(uri: "/\(unknown)/checkpoint", method: .get) { Int($0.status.code) } == 404)
        }
        #expect(try store.cosigned(Self.origin).map(\.treeSize) == [5, 9])
    }
}
