import AssayCore
import AssayHistory
import Foundation
import Testing

@Suite("Signed checkpoints")
struct CheckpointTests {
    let root = LogHash.leaf(Array("root".utf8))

    @Test("a checkpoint's signature verifies, and any change to it does not")
    func signatures() throws {
        let key = CheckpointKey()
        let checkpoint = try key.sign(number: 1, treeSize: 10, rootHash: root, at: Timestamp(milliseconds: 42))
        #expect(checkpoint.hasValidSignature())
        #expect(checkpoint.hasValidSignature(trustedKey: key.publicKey))
        #expect(!checkpoint.hasValidSignature(trustedKey: CheckpointKey().publicKey))
        var moved = checkpoint
        moved.treeSize = 11
        #expect(!moved.hasValidSignature())
        var rerooted = checkpoint
        rerooted.rootHash = .empty
        #expect(!rerooted.hasValidSignature())
    }

    @Test("a key file round-trips, is private to its owner and is never overwritten")
    func keyFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        let key = CheckpointKey()
        try key.write(to: path)
        #expect(try CheckpointKey(file: path).publicKey == key.publicKey)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(throws: AuditError.self) { try CheckpointKey().write(to: path) }
        #expect(try CheckpointKey(file: path).publicKey == key.publicKey)
    }
}
