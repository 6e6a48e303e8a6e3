import AssayCore
import AssayHistory
import AssayWitness
import Foundation
import Testing

@Suite("A witness of another commission's log")
struct WitnessTests {
    @Test("it cosigns a first checkpoint and then one that extends it, and remembers the larger")
    func cosignsWhatExtends() throws {
        let fixture = try WitnessFixture()
        let first = try fixture.witness.cosign(fixture.request(from: 0, to: 6), at: 1_670_000_100)
        #expect(first.name == "witness.henan.example/province")
        #expect(first.time == 1_670_000_100)
        #expect(first.isValid(forBody: try SignedNote(fixture.note(size: 6)).body))
        #expect(!first.isValid(forBody: try SignedNote(fixture.note(size: 7)).body))
        #expect(try fixture.remembered() == 6)

        let second = try fixture.witness.cosign(fixture.request(from: 6, to: 11))
        #expect(second.isValid(forBody: try SignedNote(fixture.note(size: 11)).body))
        #expect(try fixture.remembered() == 11)
        #expect(try fixture.witness.store.cosigned(WitnessFixture.origin).map(\.treeSize) == [6, 11])
        // The same checkpoint again is cosigned again, and remembered once.
        _ = try fixture.witness.cosign(fixture.request(from: 11, to: 11))
        #expect(try fixture.witness.store.cosigned(WitnessFixture.origin).map(\.treeSize) == [6, 11])
    }

    /// A request the witness must refuse, after it cosigned the log at size 6.
    enum Refusal: String, CaseIterable, CustomTestStringConvertible {
        case unknownOrigin, badLogSignature, forgedLineByLogKey, sizeWentBack, wrongOldSize, badProof, forkedHistory, forkedAtSameSize

        var testDescription: String { rawValue }

        func request(_ fixture: WitnessFixture) throws -> AddCheckpointRequest {
            switch self {
            case .unknownOrigin:
                return AddCheckpointRequest(oldSize: 0, proof: [], note: try fixture.note(size: 6, origin: "city.xinxiang.example/reviews"))
            case .badLogSignature:
                return try fixture.request(from: 6, to: 11, key: CheckpointKey())
            case .forgedLineByLogKey:
                // A line with the log's key name and ID whose signature was made over another body.
                var request = try fixture.request(from: 6, to: 11)
                let other = try SignedNote(fixture.note(size: 12)).signatures[0]
                let honest = try SignedNote(request.note)
                let line = "\u{2014} \(other.name) \(Data(other.keyID + other.bytes).base64EncodedString())\n"
                request.note = honest.body + "\n" + line
                return request
            case .sizeWentBack:
                return AddCheckpointRequest(oldSize: 6, proof: [], note: try fixture.note(size: 4))
            case .wrongOldSize:
                return try fixture.request(from: 3, to: 11)
            case .badProof:
                var request = try fixture.request(from: 6, to: 11)
                request.proof[0] = LogHash.leaf(Array("not a node of this tree".utf8))
                return request
            case .forkedHistory:
                // The same origin and key, a history that differs at entry 2, and the honest
                // proof of that other history: it leads to the new root from another old root.
                return try fixture.request(from: 6, to: 11, of: WitnessFixture.leaves(20, forkedAt: 2))
            case .forkedAtSameSize:
                return try fixture.request(from: 6, to: 6, of: WitnessFixture.leaves(20, forkedAt: 5))
            }
        }

        func matches(_ error: WitnessError) -> Bool {
            switch (self, error) {
            case (.unknownOrigin, .unknownOrigin(let origin)): origin == "city.xinxiang.example/reviews" && error.status == 404
            case (.badLogSignature, .badSignature), (.forgedLineByLogKey, .badSignature): error.status == 403
            case (.sizeWentBack, .sizeWentBack(6, 4)): error.status == 400
            case (.wrongOldSize, .wrongOldSize(3, 6)): error.status == 409
            case (.badProof, .badProof): error.status == 422
            case (.forkedHistory, .fork(WitnessFixture.origin, 11, _)), (.forkedAtSameSize, .fork(WitnessFixture.origin, 6, _)): error.status == 422
            default: false
            }
        }

        /// Whether the witness keeps the refused note as evidence.
        var keepsEvidence: Bool { self == .forkedHistory || self == .forkedAtSameSize || self == .badProof }
    }

    @Test("each wrong checkpoint is refused with its own error and status, and the witness still remembers size 6", arguments: Refusal.allCases)
    func refuses(_ refusal: Refusal) throws {
        let fixture = try WitnessFixture()
        _ = try fixture.witness.cosign(fixture.request(from: 0, to: 6))
        let request = try refusal.request(fixture)
        #expect {
            _ = try fixture.witness.cosign(request)
        } throws: { error in
            guard let error = error as? WitnessError else { return false }
            return refusal.matches(error)
        }
        #expect(try fixture.remembered() == 6)
        let evidence = try fixture.witness.store.evidence(WitnessFixture.origin)
        #expect(evidence.count == (refusal.keepsEvidence ? 1 : 0))
        if let kept = evidence.first {
            #expect(kept.cosignedNote == (try fixture.note(size: 6)))
            #expect(kept.refusedRequest == request.text)
        }
        // The honest next checkpoint is still cosigned.
        _ = try fixture.witness.cosign(fixture.request(from: 6, to: 11))
        #expect(try fixture.remembered() == 11)
    }

    @Test("a fork is evidence: both notes are kept, and the forked log is refused however it asks")
    func forkEvidence() throws {
        let fixture = try WitnessFixture()
        _ = try fixture.witness.cosign(fixture.request(from: 0, to: 6))
        let forked = WitnessFixture.leaves(20, forkedAt: 2)
        #expect(throws: WitnessError.self) { try fixture.witness.cosign(fixture.request(from: 6, to: 11, of: forked)) }
        // Pretending the witness is new does not help: it answers with the size it remembers.
        #expect(throws: WitnessError.wrongOldSize(given: 0, witnessSize: 6)) { try fixture.witness.cosign(fixture.request(from: 0, to: 11, of: forked)) }
        let evidence = try fixture.witness.store.evidence(WitnessFixture.origin)
        #expect(evidence.count == 1)
        #expect(evidence.first?.reason.contains("does not extend") == true)
        #expect(evidence.first?.refusedRequest.contains(try fixture.note(size: 11, of: forked)) == true)
    }

    @Test("an empty tree must have the empty root, and a proof from size 0 must be empty")
    func emptyTree() throws {
        let fixture = try WitnessFixture()
        let wrongEmpty = AddCheckpointRequest(oldSize: 0, proof: [], note: try fixture.logKey.sign(
            number: 1, origin: WitnessFixture.origin, treeSize: 0, rootHash: fixture.leaves[0], at: Timestamp(milliseconds: 0)).note ?? "")
        #expect(throws: WitnessError.badEmptyRoot) { try fixture.witness.cosign(wrongEmpty) }
        var padded = try fixture.request(from: 0, to: 6)
        padded.proof = [fixture.leaves[0]]
        #expect { try fixture.witness.cosign(padded) } throws: { ($0 as? WitnessError)?.status == 422 }
        #expect(try fixture.remembered() == nil)
    }

    @Test("a request body round-trips, a malformed one is not read, and a note without signatures is refused with 400")
    func requestBodies() throws {
        let fixture = try WitnessFixture()
        let request = try fixture.request(from: 6, to: 11)
        #expect(try AddCheckpointRequest(request.text) == request)
        #expect(request.text.hasPrefix("old 6\n"))
        let lines = (0...63).map { _ in Data(fixture.leaves[0].bytes).base64EncodedString() + "\n" }.joined()
        for malformed in ["old 6\n" + request.note, "old 06\n\n" + request.note, "new 6\n\n" + request.note,
                          "old 6\n" + lines + "\n" + request.note, "old 6\nnot base64\n\n" + request.note] {
            #expect(throws: AuditError.self) { try AddCheckpointRequest(malformed) }
        }
        var unsigned = request
        unsigned.note = try SignedNote(request.note).body
        #expect { try fixture.witness.cosign(unsigned) } throws: { ($0 as? WitnessError)?.status == 400 }
    }
}
