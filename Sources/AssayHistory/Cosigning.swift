import AssayCore
import Crypto
import Foundation

extension CheckpointKey {
    /// Cosigns the checkpoint note body `body` as the witness named `name`, at `time` (seconds
    /// since the Epoch): a C2SP `cosignature/v1`.
    public func cosign(body: String, as name: String, at time: Int) throws(AuditError) -> Cosignature {
        if let problem = LogOrigin.problem(with: name) { throw .signing("the witness name: \(problem)") }
        guard let signature = try? privateKey.signature(for: Cosignature.signedMessage(body: body, time: time)) else {
            throw .signing("the cosignature could not be computed")
        }
        return Cosignature(name: name, publicKey: publicKey, time: time, signature: Hex.encode(signature))
    }
}

extension Cosignature {
    /// The signed-note key ID of a `cosignature/v1` key: the first four bytes of SHA-256 of the
    /// name, a newline, the algorithm byte 0x04 and the public key.
    public static func keyID(name: String, publicKey: [UInt8]) -> [UInt8] {
        NoteVerifierKey.keyID(name: name, algorithm: NoteVerifierKey.cosignature, publicKey: publicKey)
    }

    /// Whether the signature is valid, by the cosignature's own key, over the note body `body`.
    /// This shows only that whoever holds that key cosigned; `WitnessPolicy` shows that a
    /// trusted witness did.
    public func isValid(forBody body: String) -> Bool {
        guard let key = Hex.decode(publicKey), let signature = Hex.decode(signature), time >= 0 else { return false }
        return Ed25519.isValid(signature, of: Self.signedMessage(body: body, time: time), by: key)
    }

    /// Whether the cosignature is valid over `checkpoint`'s note body; false for a checkpoint
    /// signed before checkpoints named their log, which has no note to cosign.
    public func isValid(for checkpoint: SignedCheckpoint) -> Bool {
        guard let body = checkpoint.noteBody else { return false }
        return isValid(forBody: body)
    }

    /// The cosignature as a signed-note signature line: `— NAME base64(key ID || time || signature)`,
    /// the time as 8 bytes, big-endian.
    public var noteLine: String? {
        guard let key = Hex.decode(publicKey), let signature = Hex.decode(signature), time >= 0 else { return nil }
        let timeBytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(time) >> (UInt64($0) * 8)) }
        return "\u{2014} \(name) \(Data(Self.keyID(name: name, publicKey: key) + timeBytes + signature).base64EncodedString())\n"
    }

    /// The cosignature a note's signature line holds, if the line is by the witness `name`
    /// with `publicKey` (key name and key ID match); nil for a line by anyone else.
    public init?(_ line: SignedNote.Signature, name: String, publicKey: [UInt8]) {
        guard line.name == name, line.keyID == Self.keyID(name: name, publicKey: publicKey), line.bytes.count == 8 + 64 else { return nil }
        let time = line.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard time <= UInt64(Int.max) else { return nil }
        self.init(name: name, publicKey: Hex.encode(publicKey), time: Int(time), signature: Hex.encode(line.bytes.dropFirst(8)))
    }
}
