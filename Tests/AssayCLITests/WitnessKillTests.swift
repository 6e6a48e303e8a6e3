import AssayCore
import AssayHistory
import AssayWitness
import Foundation
import Testing

/// `assay witness cosign` killed with SIGKILL at any point: the witness remembers either the
/// size it had or the new one, never less, and anything it printed is remembered.
@Suite("A witness killed while cosigning")
struct WitnessKillTests {
    static let origin = "city.jiaozuo.example/reviews"

    @Test("a witness killed at any point of cosign keeps its memory whole, and never cosigns a size below it")
    func killedWhileCosigning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witness-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = folder.appendingPathComponent("witness.sqlite").path
        let logKey = CheckpointKey()
        #expect(try AssayCommand.run("witness", "init", "--state", state, "--key", folder.appendingPathComponent("w.key").path,
                                     "--name", "witness.henan.example/province", in: folder).status == 0)
        #expect(try AssayCommand.run("witness", "add-log", "--state", state, Self.origin, logKey.publicKey, in: folder).status == 0)
        let leaves = (0..<80).map { LogHash.leaf(Array("entry \($0)".utf8)) }
        func remembered() throws -> Int { try WitnessStore(path: state).cosigned(Self.origin).last?.treeSize ?? 0 }
        func requestFile(to size: Int) throws -> String {
            let old = try remembered()
            let note = try logKey.sign(number: 1, origin: Self.origin, treeSize: size, rootHash: MerkleTree.root(leaves[..<size]), at: Timestamp(milliseconds: Int64(size))).note ?? ""
            let request = AddCheckpointRequest(oldSize: old, proof: MerkleTree.consistencyProof(oldSize: old, leaves[..<size]), note: note)
            let path = folder.appendingPathComponent("request-\(size).txt").path
            try Data(request.text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        // An unkilled run, to know how long one takes.
        let started = Date()
        #expect(try AssayCommand.run("witness", "cosign", "--state", state, try requestFile(to: 1), in: folder).status == 0)
        let duration = Date().timeIntervalSince(started)
        var killed = 0, completed = 0
        for size in 2...61 {
            let before = try remembered()
            let process = Process()
            process.executableURL = AssayCommand.executable
            process.arguments = ["witness", "cosign", "--state", state, try requestFile(to: size)]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...(duration * 1.3)) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let after = try remembered()
            #expect(after == before || after == size, "size \(size): the witness remembers \(after), having remembered \(before)")
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            if !printed.isEmpty {
                completed += 1
                #expect(after == size, "size \(size) was cosigned but the witness remembers \(after)")
                let line = try SignedNote.signatures(in: printed[...])[0]
                let body = try SignedNote(try logKey.sign(number: 1, origin: Self.origin, treeSize: size, rootHash: MerkleTree.root(leaves[..<size]),
                                                          at: Timestamp(milliseconds: Int64(size))).note ?? "").body
                let key = try #require(try WitnessStore(path: state).identity()).publicKey
                #expect(Cosignature(line, name: "witness.henan.example/province", publicKey: Hex.decode(key) ?? [])?.isValid(forBody: body) == true)
            }
        }
        #expect(killed > 0, "no run was killed mid-way; the delays were too long")
        let sizes = try WitnessStore(path: state).cosigned(Self.origin).map(\.treeSize)
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count)

        // Whatever it remembers, a smaller size is refused, whether the request admits it or not.
        let last = try remembered()
        let back = folder.appendingPathComponent("back.txt").path
        let note = try logKey.sign(number: 1, origin: Self.origin, treeSize: last - 1, rootHash: MerkleTree.root(leaves[..<(last - 1)]), at: Timestamp(milliseconds: 0)).note ?? ""
        try Data(AddCheckpointRequest(oldSize: last, proof: [], note: note).text.utf8).write(to: URL(fileURLWithPath: back))
        let wentBack = try AssayCommand.run("witness", "cosign", "--state", state, back, in: folder)
        #expect(wentBack.status == 1 && wentBack.errors.contains("fewer than the old size"))
        try Data(AddCheckpointRequest(oldSize: 0, proof: [], note: note).text.utf8).write(to: URL(fileURLWithPath: back + "2"))
        let pretended = try AssayCommand.run("witness", "cosign", "--state", state, back + "2", in: folder)
        #expect(pretended.status == 1 && pretended.errors.contains("last cosigned size \(last)"))
        #expect(try remembered() == last)
        print("witness kill test: \(killed) of 60 runs killed, \(completed) printed a cosignature")
    }
}
