import AssayCore
import AssayHistory
import Testing

/// The RFC 6962 test vectors (as in Certificate Transparency's reference implementation).
@Suite("The Merkle tree of RFC 6962")
struct MerkleTreeTests {
    static let inputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
    static let leaves = inputs.map { LogHash.leaf(bytes(hex: $0)) }
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func bytes(hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    @Test("the empty tree's root is the hash of nothing")
    func emptyTree() {
        #expect(MerkleTree.root([]) == LogHash(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(MerkleAccumulator().root == .empty)
    }

    @Test("roots of the first 1 to 8 leaves match the test vectors", arguments: 1...8)
    func rootsMatchVectors(size: Int) {
        #expect(MerkleTree.root(Self.leaves[..<size]).hex == Self.roots[size - 1])
        var accumulator = MerkleAccumulator()
        for leaf in Self.leaves[..<size] { accumulator.append(leaf) }
        #expect(accumulator.root.hex == Self.roots[size - 1])
    }

    @Test("audit paths match the test vectors", arguments: [
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (0, 1, []),
    ])
    func auditPathsMatchVectors(index: Int, size: Int, path: [String]) {
        #expect(MerkleTree.inclusionProof(index: index, Self.leaves[..<size]).map(\.hex) == path)
    }

    @Test("every audit path of every tree up to 40 leaves leads to its root, and only at its own index")
    func proofsVerify() {
        let leaves = (0..<40).map { LogHash.leaf(Array("leaf \($0)".utf8)) }
        for size in 1...40 {
            let root = MerkleTree.root(leaves[..<size])
            var accumulator = MerkleAccumulator()
            for leaf in leaves[..<size] { accumulator.append(leaf) }
            #expect(accumulator.root == root)
            for index in 0..<size {
                let path = MerkleTree.inclusionProof(index: index, leaves[..<size])
                #expect(MerkleTree.root(fromInclusionProof: path, leaf: leaves[index], index: index, size: size) == root)
                if size > 1 {
                    let other = (index + 1) % size
                    #expect(MerkleTree.root(fromInclusionProof: path, leaf: leaves[index], index: other, size: size) != root)
                }
            }
        }
    }
}
