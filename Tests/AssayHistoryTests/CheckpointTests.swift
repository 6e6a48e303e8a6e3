import AssayCore
import AssayHistory
import AssayTestSupport
import Foundation
import Testing

@Suite("Signed checkpoints")
struct CheckpointTests {
    let root = LogHash.leaf(Array("root".utf8))

    @Test("a checkpoint's signature verifies, and any change to it does not")
    func signatures() throws {
        let key = CheckpointKey()
        let checkpoint = try key.sign(number: 1, origin: "a.example/log", treeSize: 10, rootHash: root, at: Timestamp(milliseconds: 42))
        #expect(checkpoint.hasValidSignature())
        #expect(throws: Never.self) { try TrustedKeys(publicKey: key.publicKey).check(checkpoint) }
        #expect(throws: AuditError.self) { try TrustedKeys(publicKey: CheckpointKey().publicKey).check(checkpoint) }
        var renamed = checkpoint
        renamed.origin = "b.example/log"
        #expect(!renamed.hasValidSignature())
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

    /// An independent reader of C2SP signed notes: Python's `cryptography` package checks the
    /// Ed25519 signature, and the key ID is recomputed from the verifier key as Go's note
    /// package defines it.
    static let noteVerifier = """
        import base64, hashlib, sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        note = open(sys.argv[1], "rb").read().decode("utf-8")
        name, key_id, key = sys.argv[2].split("+", 2)
        key = base64.b64decode(key)
        assert key[0] == 1, "not an Ed25519 verifier key"
        assert hashlib.sha256(name.encode() + b"\\n" + key).digest()[:4].hex() == key_id, "wrong key ID"
        body, signatures = note.split("\\n\\n", 1)
        body += "\\n"
        origin, size, root = body.split("\\n")[:3]
        for line in signatures.splitlines():
            assert line.startswith("\\u2014 "), "not a signature line"
            signer, signature = line[2:].split(" ")
            signature = base64.b64decode(signature)
            if signer == name and signature[:4].hex() == key_id:
                Ed25519PublicKey.from_public_bytes(key[1:]).verify(signature[4:], body.encode())
                print(origin, int(size), base64.b64decode(root).hex())
                sys.exit(0)
        sys.exit("no signature by the key")
        """

    static func verifyNote(_ note: String, key: String) throws -> ProcessResult {
        let folder = FileManager.default.temporaryDirectory
        let notePath = folder.appendingPathComponent("note-\(UUID().uuidString)").path
        let scriptPath = folder.appendingPathComponent("verify-note-\(UUID().uuidString).py").path
        try Data(note.utf8).write(to: URL(fileURLWithPath: notePath))
        try Data(noteVerifier.utf8).write(to: URL(fileURLWithPath: scriptPath))
        return try Subprocess.run("/usr/bin/env", ["python3", scriptPath, notePath, key])
    }

    @Test("the checkpoint as a C2SP signed note verifies in an independent implementation, and a changed note does not")
    func signedNote() throws {
        let key = CheckpointKey()
        let checkpoint = try key.sign(number: 3, origin: "assay.jiaozuo.example/reviews", treeSize: 177, rootHash: root, at: Timestamp(milliseconds: 1_669_881_600_000))
        let note = try #require(checkpoint.note)
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "assay.jiaozuo.example/reviews")
        #expect(lines[1] == "177")
        #expect(lines[2] == Data(root.bytes).base64EncodedString())
        #expect(lines[4] == "")
        #expect(lines[5].hasPrefix("\u{2014} assay.jiaozuo.example/reviews "))
        let verifier = try #require(checkpoint.noteVerifierKey)

        let result = try Self.verifyNote(note, key: verifier)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "assay.jiaozuo.example/reviews 177 \(root.hex)\n")
        #expect(try Self.verifyNote(note.replacingOccurrences(of: "\n177\n", with: "\n178\n"), key: verifier).status != 0)
        let otherKey = try #require(try CheckpointKey().sign(number: 3, origin: "assay.jiaozuo.example/reviews", treeSize: 177, rootHash: root,
                                                            at: Timestamp(milliseconds: 0)).noteVerifierKey)
        #expect(try Self.verifyNote(note, key: otherKey).status != 0)
    }
}
