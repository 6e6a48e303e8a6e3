/// Why a witness refused to cosign a checkpoint, each with the HTTP status the C2SP
/// `tlog-witness` protocol gives it.
public enum WitnessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request or its note is not well formed (400).
    case malformed(String)
    /// The witness does not watch this log (404).
    case unknownOrigin(String)
    /// No valid signature by the log's key, or a line by its key that does not verify (403).
    case badSignature(origin: String)
    /// The checkpoint is smaller than the old size the request gives: its size went back (400).
    case sizeWentBack(oldSize: Int, treeSize: Int)
    /// The request's old size is not the size the witness last cosigned for the log (409).
    case wrongOldSize(given: Int, witnessSize: Int)
    /// A checkpoint of size 0 whose root is not the empty tree's (422).
    case badEmptyRoot
    /// The consistency proof does not lead from the cosigned tree to the new one (422).
    case badProof(String)
    /// The log showed a history that does not extend the one the witness cosigned: the same
    /// size with another root, or a proof that leads to the new root from another old root.
    /// The witness keeps both notes as evidence (422).
    case fork(origin: String, treeSize: Int, String)

    /// The status an HTTP witness answers with.
    public var status: Int {
        switch self {
        case .malformed, .sizeWentBack: 400
        case .badSignature: 403
        case .unknownOrigin: 404
        case .wrongOldSize: 409
        case .badEmptyRoot, .badProof, .fork: 422
        }
    }

    public var description: String {
        switch self {
        case .malformed(let problem):
            "the request is malformed: \(problem)"
        case .unknownOrigin(let origin):
            "this witness does not watch the log '\(origin)'; add it with `assay witness add-log \(origin) PUBLIC-KEY`"
        case .badSignature(let origin):
            "the checkpoint carries no valid signature by the key this witness trusts for '\(origin)'"
        case .sizeWentBack(let old, let size):
            "the checkpoint covers \(size) entries, fewer than the old size \(old): a log's size never goes back"
        case .wrongOldSize(let given, let witnessSize):
            "the request gives old size \(given), but this witness last cosigned size \(witnessSize) of this log; ask again with `old \(witnessSize)` and the proof from there"
        case .badEmptyRoot:
            "a checkpoint of size 0 must have the empty tree's root"
        case .badProof(let problem):
            "the consistency proof does not verify: \(problem)"
        case .fork(let origin, let size, let problem):
            "refused: the log '\(origin)' at size \(size) does not extend the checkpoint this witness cosigned: \(problem); both notes are kept as evidence (`assay witness show \(origin)`)"
        }
    }
}
