import AssayCore
import Foundation

extension SignedCheckpoint {
    /// The checkpoint as a C2SP `tlog-checkpoint` signed note, the text that Go's checksum
    /// database, Sigstore and the transparency-dev witnesses read:
    ///
    /// ```
    /// assay.jiaozuo.example/reviews
    /// 177
    /// <root hash in base64>
    /// time-ms 1669881600000
    ///
    /// — assay.jiaozuo.example/reviews <base64 of key ID and signature>
    /// ```
    ///
    /// The key name is the origin; the key ID is the first four bytes of SHA-256 of the name, a
    /// newline, the Ed25519 algorithm byte 0x01 and the public key. Each witness's cosignature
    /// follows as a further signature line (C2SP tlog-cosignature). Nil for a checkpoint signed
    /// before checkpoints named their log.
    public var note: String? {
        guard let body = noteBody, let origin, let key = Hex.decode(publicKey), let signature = Hex.decode(signature) else { return nil }
        let tagged = Self.noteKeyID(name: origin, publicKey: key) + signature
        return body + "\n\u{2014} \(origin) \(Data(tagged).base64EncodedString())\n" + cosignatures.compactMap(\.noteLine).joined()
    }

    /// The body of the checkpoint's signed note: what the operator signs and witnesses cosign.
    /// Nil for a checkpoint signed before checkpoints named their log.
    public var noteBody: String? {
        origin.map { SignedCheckpoint.noteBody(origin: $0, treeSize: treeSize, rootHash: rootHash, at: at) }
    }

    /// The signed-note verifier key: `name+keyID+base64(0x01 || public key)`, as Go's `note`
    /// package writes it.
    public var noteVerifierKey: String? {
        guard let origin, let key = Hex.decode(publicKey) else { return nil }
        return NoteVerifierKey(name: origin, algorithm: NoteVerifierKey.ed25519, publicKey: key).description
    }

    /// The signed-note key ID of the Ed25519 key `publicKey` named `name` (algorithm 0x01).
    public static func noteKeyID(name: String, publicKey: [UInt8]) -> [UInt8] {
        NoteVerifierKey.keyID(name: name, algorithm: NoteVerifierKey.ed25519, publicKey: publicKey)
    }
}
