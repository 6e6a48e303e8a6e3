import AssayCore
import AssayHistory
import Foundation
import Testing

/// RFC 6962 consistency proofs: generated and checked for every pair of tree sizes, and checked
/// against the published vectors.
@Suite("Consistency proofs")
struct ConsistencyProofTests {
    static let leaves = (0..<64).map { LogHash.leaf(Array("leaf \($0)".utf8)) }

    @Test("every proof between sizes up to 64 verifies, and fails with a changed root, hash or size")
    func everyPairUpTo64() {
        for newSize in 0...64 {
            let newRoot = MerkleTree.root(Self.leaves[..<newSize])
            for oldSize in 0...newSize {
                let oldRoot = MerkleTree.root(Self.leaves[..<oldSize])
                let path = MerkleTree.consistencyProof(oldSize: oldSize, Self.leaves[..<newSize])
                #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path),
                        "\(oldSize) → \(newSize)")
                guard oldSize > 0, oldSize < newSize else { continue }
                let other = LogHash.leaf([0xFF])
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: other, newRoot: newRoot, path: path))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: other, path: path))
                #expect(!MerkleTree.verifyConsistency(oldSize: newSize, newSize: oldSize, oldRoot: newRoot, newRoot: oldRoot, path: path))
                for index in path.indices {
                    var tampered = path
                    tampered[index] = other
                    #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: tampered))
                }
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path.dropLast()))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path + [other]))
                #expect(!MerkleTree.verifyConsistency(oldSize: oldSize + 1, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, path: path)
                        || MerkleTree.root(Self.leaves[..<(oldSize + 1)]) == oldRoot)
            }
        }
    }

    /// A published vector: the tree of the RFC 6962 test leaves, from transparency-dev/merkle's
    /// testdata/consistency (`happy-path.json` of folders 0 to 4, and `swapped-roots.json` of 1).
    struct Vector: Sendable, CustomTestStringConvertible {
        var size1: Int, size2: Int
        var root1: String, root2: String
        var proof: [String]
        var holds: Bool
        var testDescription: String { "\(size1) → \(size2)\(holds ? "" : " (must fail)")" }
    }

    static let vectors = [
        Vector(size1: 1, size2: 1, root1: "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", root2: "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
               proof: [], holds: true),
        Vector(size1: 1, size2: 8, root1: "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", root2: "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
               proof: ["lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                       "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="], holds: true),
        Vector(size1: 6, size2: 8, root1: "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=", root2: "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
               proof: ["DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                       "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="], holds: true),
        Vector(size1: 2, size2: 5, root1: "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=", root2: "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=",
               proof: ["Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="], holds: true),
        Vector(size1: 6, size2: 7, root1: "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=", root2: "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=",
               proof: ["DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=",
                       "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="], holds: true),
        Vector(size1: 1, size2: 8, root1: "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", root2: "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
               proof: ["lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                       "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="], holds: false),
    ]

    static func hash(_ base64: String) throws -> LogHash {
        LogHash(bytes: Array(try #require(Data(base64Encoded: base64))))
    }

    @Test("the published vectors verify, and the proofs Assay generates for them are the published ones", arguments: vectors)
    func publishedVectors(_ vector: Vector) throws {
        let path = try vector.proof.map(Self.hash)
        let (root1, root2) = (try Self.hash(vector.root1), try Self.hash(vector.root2))
        #expect(MerkleTree.verifyConsistency(oldSize: vector.size1, newSize: vector.size2, oldRoot: root1, newRoot: root2, path: path) == vector.holds)
        if vector.holds {
            let leaves = MerkleTreeTests.leaves[..<vector.size2]
            #expect(MerkleTree.root(leaves) == root2)
            #expect(MerkleTree.consistencyProof(oldSize: vector.size1, leaves) == path)
        }
    }
}
