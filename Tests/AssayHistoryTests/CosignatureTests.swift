import AssayCore
import AssayHistory
import AssayTestSupport
import Foundation
import Testing

@Suite("Witnesses' cosignatures")
struct CosignatureTests {
    let root = LogHash.leaf(Array("root".utf8))
    let origin = "city.jiaozuo.example/reviews"

    /// A checkpoint of `origin` signed by a new operator key, cosigned by each of `witnesses`.
    func checkpoint(size: Int = 177, cosignedBy witnesses: [(name: String, key: CheckpointKey)] = []) throws -> SignedCheckpoint {
        var checkpoint = try CheckpointKey().sign(number: 2, origin: origin, treeSize: size, rootHash: root, at: Timestamp(milliseconds: 1_669_881_600_000))
        let body = try #require(checkpoint.noteBody)
        checkpoint.cosignatures = try witnesses.map { try $0.key.cosign(body: body, as: $0.name, at: 1_669_881_700) }
        return checkpoint
    }

    /// An independent reader of C2SP cosignatures, written from the tlog-cosignature text:
    /// the key ID is SHA-256 of the name, a newline, 0x04 and the key; the signature line holds
    /// the ID, the time as a big-endian u64 and the Ed25519 signature over `cosignature/v1`,
    /// the `time` line and the note body. Prints the time of the valid cosignature by the key.
    static let cosignatureVerifier = """
        import base64, hashlib, struct, sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        note = open(sys.argv[1], "rb").read().decode("utf-8")
        name, key = sys.argv[2], bytes.fromhex(sys.argv[3])
        key_id = hashlib.sha256(name.encode() + b"\\n" + b"\\x04" + key).digest()[:4]
        body, signatures = note.rsplit("\\n\\n", 1)
        body += "\\n"
        for line in signatures.splitlines():
            assert line.startswith("\\u2014 "), "not a signature line"
            signer, signature = line[2:].split(" ")
            signature = base64.b64decode(signature)
            if signer == name and signature[:4] == key_id:
                assert len(signature) == 4 + 8 + 64, "not a cosignature/v1"
                (timestamp,) = struct.unpack(">Q", signature[4:12])
                message = b"cosignature/v1\\ntime " + str(timestamp).encode() + b"\\n" + body.encode()
                Ed25519PublicKey.from_public_bytes(key).verify(signature[12:], message)
                print(timestamp)
                sys.exit(0)
        sys.exit("no cosignature by the witness")
        """

    static func verifyCosignature(_ note: String, name: String, key: String) throws -> ProcessResult {
        let folder = FileManager.default.temporaryDirectory
        let notePath = folder.appendingPathComponent("note-\(UUID().uuidString)").path
        let scriptPath = folder.appendingPathComponent("verify-cosignature-\(UUID().uuidString).py").path
        try Data(note.utf8).write(to: URL(fileURLWithPath: notePath))
        try Data(cosignatureVerifier.utf8).write(to: URL(fileURLWithPath: scriptPath))
        return try Subprocess.run("/usr/bin/env", ["python3", scriptPath, notePath, name, key])
    }

    @Test("a note with cosignatures verifies in an independent implementation: the log's signature and each witness's, and a changed note does not")
    func independentVerification() throws {
        let province = CheckpointKey(), nation = CheckpointKey()
        let checkpoint = try checkpoint(cosignedBy: [("witness.henan.example/province", province), ("witness.nhc.example/nation", nation)])
        let note = try #require(checkpoint.note)
        #expect(note.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") }.count == 3)

        // The log's own signature, by the signed-note reader of CheckpointTests.
        let logResult = try CheckpointTests.verifyNote(note, key: try #require(checkpoint.noteVerifierKey))
        #expect(logResult.status == 0, "\(logResult.errors)")
        for (name, key) in [("witness.henan.example/province", province), ("witness.nhc.example/nation", nation)] {
            let result = try Self.verifyCosignature(note, name: name, key: key.publicKey)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "1669881700\n")
        }
        #expect(try Self.verifyCosignature(note.replacingOccurrences(of: "\n177\n", with: "\n178\n"), name: "witness.henan.example/province",
                                           key: province.publicKey).status != 0)
        #expect(try Self.verifyCosignature(note, name: "witness.henan.example/province", key: nation.publicKey).status != 0)
    }

    @Test("a cosignature holds for its checkpoint's body only, and its note line reads back")
    func cosignatureBinding() throws {
        let witness = CheckpointKey()
        let checkpoint = try checkpoint(cosignedBy: [("witness.henan.example/province", witness)])
        let cosignature = try #require(checkpoint.cosignatures.first)
        #expect(cosignature.isValid(for: checkpoint))
        var grown = checkpoint
        grown.treeSize += 1
        #expect(!cosignature.isValid(for: grown))
        let line = try #require(cosignature.noteLine)
        let parsed = try SignedNote.signatures(in: line[...])
        #expect(Cosignature(parsed[0], name: cosignature.name, publicKey: Hex.decode(witness.publicKey) ?? []) == cosignature)
        #expect(Cosignature(parsed[0], name: "someone.else.example", publicKey: Hex.decode(witness.publicKey) ?? []) == nil)
    }

    /// Witness-keys files and checkpoints to check against them.
    func policy(_ witnesses: [(String, CheckpointKey)], quorum: Int?) throws -> WitnessPolicy {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("witnesses-\(UUID().uuidString)").path
        let lines = ["# the province and the nation"] + witnesses.map { "\($0.0) \($0.1.publicKey)" }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return try WitnessPolicy(file: path, quorum: quorum)
    }

    @Test("a quorum of 2 refuses one valid cosignature beside one by an unknown key, and beside one made over another tree head")
    func quorum() throws {
        let province = CheckpointKey(), nation = CheckpointKey(), stranger = CheckpointKey()
        let policy = try policy([("witness.henan.example/province", province), ("witness.nhc.example/nation", nation)], quorum: 2)

        let both = try checkpoint(cosignedBy: [("witness.henan.example/province", province), ("witness.nhc.example/nation", nation)])
        #expect(throws: Never.self) { try policy.check(both) }

        let withStranger = try checkpoint(cosignedBy: [("witness.henan.example/province", province), ("witness.nhc.example/nation", stranger)])
        #expect(policy.cosigners(of: withStranger) == ["witness.henan.example/province"])
        #expect { try policy.check(withStranger) } throws: { error in
            guard case .notWitnessed(2, let problem) = error as? AuditError else { return false }
            return problem.contains("only witness.henan.example/province") && problem.contains("unknown key")
        }

        // The nation's cosignature was made over the log's head at another size.
        var otherHead = try checkpoint(cosignedBy: [("witness.henan.example/province", province)])
        let otherBody = try #require(try checkpoint(size: 176).noteBody)
        otherHead.cosignatures.append(try nation.cosign(body: otherBody, as: "witness.nhc.example/nation", at: 1_669_881_700))
        #expect(policy.cosigners(of: otherHead) == ["witness.henan.example/province"])
        #expect(throws: AuditError.self) { try policy.check(otherHead) }

        // One of the two suffices with a quorum of 1.
        #expect(throws: Never.self) { try self.policy([("witness.henan.example/province", province), ("witness.nhc.example/nation", nation)], quorum: 1).check(otherHead) }
    }

    @Test("a witness-keys file must name each witness once with a key, and a quorum it can meet")
    func policyFiles() throws {
        let key = CheckpointKey()
        #expect(throws: AuditError.self) { try self.policy([("witness.henan.example/province", key)], quorum: 2) }
        #expect(throws: AuditError.self) { try self.policy([("witness.henan.example/province", key)], quorum: 0) }
        #expect(throws: AuditError.self) { try self.policy([("w.example/a", key), ("w.example/a", CheckpointKey())], quorum: 1) }
        // Written out as the C2SP text says, not through NoteVerifierKey.
        let verifierKey = "witness.henan.example/province+\(Hex.encode(Cosignature.keyID(name: "witness.henan.example/province", publicKey: Hex.decode(key.publicKey) ?? [])))+\(Data([0x04] + (Hex.decode(key.publicKey) ?? [])).base64EncodedString())"
        #expect(NoteVerifierKey(verifierKey, algorithm: NoteVerifierKey.cosignature)?.description == verifierKey)
        #expect(NoteVerifierKey(verifierKey, algorithm: NoteVerifierKey.ed25519) == nil)
        let byVerifierKey = try WitnessPolicy.witness(name: "witness.henan.example/province", key: verifierKey, source: "test")
        #expect(byVerifierKey.publicKey == Hex.decode(key.publicKey))
        #expect(throws: AuditError.self) { try WitnessPolicy.witness(name: "witness.other.example", key: verifierKey, source: "test") }
        #expect(throws: AuditError.self) { try WitnessPolicy.witness(name: "witness.henan.example/province", key: "abc", source: "test") }
    }

    @Test("a witness's answer adds only trusted witnesses' cosignatures of this checkpoint; one over another head is refused")
    func answers() throws {
        let province = CheckpointKey(), stranger = CheckpointKey()
        let policy = try policy([("witness.henan.example/province", province)], quorum: nil)
        let target = try checkpoint()
        let body = try #require(target.noteBody)
        let good = try #require(try province.cosign(body: body, as: "witness.henan.example/province", at: 5).noteLine)
        let unknown = try #require(try stranger.cosign(body: body, as: "witness.elsewhere.example", at: 5).noteLine)
        let accepted = try policy.cosignatures(in: unknown + good, for: target)
        #expect(accepted.map(\.name) == ["witness.henan.example/province"])
        #expect(throws: AuditError.self) { try policy.cosignatures(in: unknown, for: target) }
        let otherBody = try #require(try checkpoint(size: 3).noteBody)
        let stale = try #require(try province.cosign(body: otherBody, as: "witness.henan.example/province", at: 5).noteLine)
        #expect(throws: AuditError.self) { try policy.cosignatures(in: stale, for: target) }
    }

    @Test("an export carries the cosignatures, an import keeps them, and a forged one is refused")
    func exports() async throws {
        let store = InMemoryEventStore()
        try await SampleHistory.appendCase("a", events: 3, to: store)
        try await store.name(origin: origin)
        let leaves = try await LogReader.leafHashes(of: store, upTo: 3)
        let checkpoint = try CheckpointKey().sign(number: 1, origin: origin, treeSize: 3, rootHash: MerkleTree.root(leaves[...]), at: Timestamp(milliseconds: 0))
        try await store.add(checkpoint)
        let witness = CheckpointKey()
        try await store.add([try witness.cosign(body: try #require(checkpoint.noteBody), as: "witness.henan.example/province", at: 7)], toCheckpoint: 1)
        let exported = try await Self.export(store)
        let copy = InMemoryEventStore()
        try await LogExport.load(exported, into: copy)
        #expect(try await copy.checkpoints() == (try await store.checkpoints()))
        #expect(try await copy.checkpoints().first?.cosignatures.count == 1)
        #expect(try await LogVerifier(store: copy).run().isValid)

        let forged = String(decoding: exported, as: UTF8.self).replacingOccurrences(of: "\"time\":7", with: "\"time\":8")
        #expect(forged != String(decoding: exported, as: UTF8.self))
        #expect(throws: AuditError.self) { try LogExport.read(Data(forged.utf8)) }
    }

    static func export(_ store: any EventStore) async throws -> Data {
        var data = Data()
        for try await chunk in LogExport.Chunks(store: store) { data.append(chunk) }
        return data
    }
}
