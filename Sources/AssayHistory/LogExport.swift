import AssayCore
import Foundation

/// The log as JSON Lines: every pinned definition, every event in log order with its position
/// and leaf hash, every checkpoint, and a closing line stating what the file holds. Each line
/// is canonical JSON.
///
/// ```
/// {"definition":{...},"hash":"<definition hash>","type":"definition"}
/// {"event":{...},"hash":"<leaf hash>","position":1,"type":"event"}
/// {"checkpoint":{...},"type":"checkpoint"}
/// {"checkpoints":1,"definitions":3,"origin":"...","root_hash":"...","tree_size":177,"type":"end"}
/// ```
///
/// An import requires the closing line, and that it agrees with the lines before it, so a
/// truncated or empty file is refused rather than loaded in part.
public enum LogExport {
    /// Writes the store's log to `output`, one line at a time; returns the number of events.
    @discardableResult
    public static func write(from store: any EventStore, to output: FileHandle) async throws -> Int {
        var chunks = Chunks(store: store).makeAsyncIterator()
        while let chunk = try await chunks.next() {
            try output.write(contentsOf: chunk)
        }
        return chunks.eventCount
    }

    /// The export as chunks of whole lines, read from the store only as they are asked for, so
    /// a slow reader (a download) holds a batch of the log in memory (and the next, read ahead),
    /// not the log.
    public struct Chunks: AsyncSequence, Sendable {
        public typealias Element = Data
        let store: any EventStore

        public init(store: any EventStore) {
            self.store = store
        }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let store: any EventStore
            var phase = Phase.definitions
            var events: LogReader.AsyncIterator
            var tree = MerkleAccumulator()
            var definitions = 0

            enum Phase { case definitions, events, end, done }

            public mutating func next() async throws -> Data? {
                switch phase {
                case .definitions:
                    phase = .events
                    let definitions = try await store.definitions()
                    self.definitions = definitions.count
                    var chunk = Data()
                    for (hash, body) in definitions.sorted(by: { $0.key.hex < $1.key.hex }) {
                        chunk.append(LogExport.line(type: "definition", ("definition", body), ("hash", LogExport.quoted(hash.hex))))
                    }
                    return chunk
                case .events:
                    guard let batch = try await events.next() else {
                        phase = .end
                        return try await next()
                    }
                    var chunk = Data()
                    for entry in batch {
                        chunk.append(LogExport.line(type: "event", ("event", entry.body), ("hash", LogExport.quoted(entry.hash.hex)), ("position", Array(String(entry.position).utf8))))
                        tree.append(LogHash.leaf(entry.body))
                    }
                    return chunk
                case .end:
                    phase = .done
                    let checkpoints = try await store.checkpoints()
                    var chunk = Data()
                    for checkpoint in checkpoints {
                        chunk.append(LogExport.line(type: "checkpoint", ("checkpoint", try CanonicalJSON.encode(checkpoint))))
                    }
                    let trailer = Trailer(checkpoints: checkpoints.count, definitions: definitions, origin: try await store.origin(),
                                          rootHash: tree.root, treeSize: tree.count, type: "end")
                    chunk.append(contentsOf: try CanonicalJSON.encode(trailer) + [UInt8(ascii: "\n")])
                    return chunk
                case .done:
                    return nil
                }
            }

            /// How many events the chunks so far held.
            public var eventCount: Int { tree.count }
        }

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(store: store, events: LogReader(store: store).makeAsyncIterator())
        }
    }

    /// The closing line: what the export holds.
    struct Trailer: Codable {
        var checkpoints: Int
        var definitions: Int
        var origin: String?
        var rootHash: LogHash
        var treeSize: Int
        var type: String

        enum CodingKeys: String, CodingKey {
            case checkpoints, definitions, origin, rootHash = "root_hash", treeSize = "tree_size", type
        }
    }

    /// Reads an export, checks every hash, position, definition and checkpoint, and only then
    /// loads it into `store`, which must be empty. A file that does not verify writes nothing.
    @discardableResult
    public static func load(_ data: Data, into store: any EventStore) async throws -> Int {
        try await load(read(data), into: store)
    }

    /// Loads contents already read and checked by `read(_:)` into `store`, which must be empty.
    @discardableResult
    public static func load(_ contents: Contents, into store: any EventStore) async throws -> Int {
        let size = try await store.logSize()
        guard size == 0 else { throw AuditError.storeNotEmpty(logSize: size) }
        if let origin = contents.origin { try await store.name(origin: origin) }
        for (hash, definition) in contents.definitions {
            try await store.record(definition, hash: hash)
        }
        // One transaction: the log goes in whole or not at all. Consecutive events of one case
        // are appended together.
        var batch: [CaseAppend] = []
        for event in contents.events {
            if let last = batch.last, last.events.first?.subject == event.subject {
                batch[batch.count - 1].events.append(event)
            } else {
                batch.append(CaseAppend([event], expectedVersion: event.sequence - 1))
            }
        }
        try await store.append(batch)
        for checkpoint in contents.checkpoints {
            try await store.add(checkpoint)
        }
        return contents.events.count
    }

    /// What an export holds, verified.
    public struct Contents: Sendable {
        public var definitions: [(hash: DefinitionHash, definition: FlowDefinition)] = []
        public var events: [Event] = []
        public var checkpoints: [SignedCheckpoint] = []
        /// The line each checkpoint was read from.
        public var checkpointLines: [Int] = []
        /// The log's name, from the closing line.
        public var origin: String?
    }

    /// One line of an export.
    struct Line: Decodable {
        var type: String
        var hash: String?
        var position: Int?
        var event: Event?
        var definition: FlowDefinition?
        var checkpoint: SignedCheckpoint?
    }

    /// Reads an export and checks every line, hash, position, signature and root, and the
    /// closing line, without loading it anywhere; throws `AuditError.invalidExport` naming the
    /// line of the first problem.
    public static func read(_ data: Data) throws -> Contents {
        var contents = Contents()
        var leaves: [LogHash] = []
        var definitionHashes: Set<DefinitionHash> = []
        var versions: [CaseID: Int] = [:]
        let decoder = JSONDecoder()
        var trailer: (Trailer, line: Int)?
        var lastLine = 0
        for (index, text) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !text.isEmpty {
            let number = index + 1
            lastLine = number
            if let (_, end) = trailer {
                throw AuditError.invalidExport(line: number, "it follows the closing line \(end); an export ends there")
            }
            let line: Line
            do {
                line = try decoder.decode(Line.self, from: Data(text))
            } catch {
                let problem = (error as? DecodingError)?.plainDescription ?? String(describing: error)
                throw AuditError.invalidExport(line: number, "it is not an export line: \(problem)")
            }
            switch line.type {
            case "definition":
                guard let definition = line.definition, let hash = line.hash.map(DefinitionHash.init(hex:)),
                      DefinitionHash(of: definition) == hash
                else {
                    throw AuditError.invalidExport(line: number, "the definition does not match its hash")
                }
                definitionHashes.insert(hash)
                contents.definitions.append((hash, definition))
            case "event":
                guard let event = line.event, let position = line.position, let hash = line.hash.flatMap(LogHash.init(hex:)) else {
                    throw AuditError.invalidExport(line: number, "an event line needs event, position and hash")
                }
                guard position == leaves.count + 1 else {
                    throw AuditError.invalidExport(line: number, "event at position \(position), expected \(leaves.count + 1)")
                }
                let leaf = LogHash.leaf(event.canonicalBytes)
                guard leaf == hash else {
                    throw AuditError.invalidExport(line: number, "event \(position) does not match its hash")
                }
                guard event.sequence == (versions[event.subject] ?? 0) + 1 else {
                    throw AuditError.invalidExport(line: number, "event \(event.sequence) of case \(event.subject) is out of order")
                }
                if case .opened(let opened) = event.body, !definitionHashes.contains(opened.definitionHash) {
                    throw AuditError.invalidExport(line: number, "case \(event.subject) pins definition \(opened.definitionHash.short), which the export does not hold")
                }
                versions[event.subject] = event.sequence
                leaves.append(leaf)
                contents.events.append(event)
            case "checkpoint":
                guard let checkpoint = line.checkpoint else {
                    throw AuditError.invalidExport(line: number, "a checkpoint line needs a checkpoint")
                }
                guard checkpoint.number == contents.checkpoints.count + 1, checkpoint.hasValidSignature() else {
                    throw AuditError.invalidExport(line: number, "checkpoint \(checkpoint.number) is out of order or not validly signed")
                }
                if let forged = checkpoint.cosignatures.first(where: { !$0.isValid(for: checkpoint) }) {
                    throw AuditError.invalidExport(line: number, "checkpoint \(checkpoint.number)'s cosignature by \(forged.name) is not valid for it")
                }
                contents.checkpoints.append(checkpoint)
                contents.checkpointLines.append(number)
            case "end":
                guard let closing = try? decoder.decode(Trailer.self, from: Data(text)) else {
                    throw AuditError.invalidExport(line: number, "a closing line needs tree_size, root_hash, definitions and checkpoints")
                }
                trailer = (closing, number)
            default:
                throw AuditError.invalidExport(line: number, "unknown line type '\(line.type)'")
            }
        }
        guard let (closing, end) = trailer else {
            throw AuditError.invalidExport(line: lastLine, lastLine == 0
                ? "the file is empty, but an export ends with a closing line stating what it holds"
                : "the file ends here without the closing line an export ends with: it is truncated")
        }
        let root = try checkRoots(Array(zip(contents.checkpoints, contents.checkpointLines)), against: leaves)
        guard closing.treeSize == leaves.count, closing.rootHash == root, closing.definitions == contents.definitions.count,
              closing.checkpoints == contents.checkpoints.count
        else {
            throw AuditError.invalidExport(line: end, "the closing line states \(counted(closing.treeSize, "event")) with root \(closing.rootHash.hex), \(counted(closing.definitions, "definition")) and \(counted(closing.checkpoints, "checkpoint")), but the file holds \(counted(leaves.count, "event")) with root \(root.hex), \(counted(contents.definitions.count, "definition")) and \(counted(contents.checkpoints.count, "checkpoint"))")
        }
        if let origin = closing.origin {
            if let problem = LogOrigin.problem(with: origin) { throw AuditError.invalidExport(line: end, problem) }
            for (checkpoint, line) in zip(contents.checkpoints, contents.checkpointLines) where checkpoint.origin.map({ $0 != origin }) ?? false {
                throw AuditError.invalidExport(line: line, "checkpoint \(checkpoint.number) is of the log '\(checkpoint.origin ?? "")', not the export's '\(origin)'")
            }
        }
        contents.origin = closing.origin
        return contents
    }

    /// Checks every checkpoint's root against the exported events' leaf hashes; returns the
    /// root of them all.
    private static func checkRoots(_ checkpoints: [(SignedCheckpoint, line: Int)], against leaves: [LogHash]) throws -> LogHash {
        var tree = MerkleAccumulator()
        var pending = checkpoints.sorted { $0.0.treeSize < $1.0.treeSize }[...]
        for leaf in leaves {
            tree.append(leaf)
            while let (next, line) = pending.first, next.treeSize == tree.count {
                guard tree.root == next.rootHash else {
                    throw AuditError.invalidExport(line: line, "checkpoint \(next.number) does not match the first \(next.treeSize) events")
                }
                pending.removeFirst()
            }
        }
        if let (missing, line) = pending.first {
            throw AuditError.invalidExport(line: line, "checkpoint \(missing.number) covers \(counted(missing.treeSize, "event")), but the export holds \(leaves.count)")
        }
        return tree.root
    }

    private static func quoted(_ text: String) -> [UInt8] { Array("\"\(text)\"".utf8) }

    /// A canonical line: keys in byte order, which these names already are, then `type`.
    private static func line(type: String, _ members: (String, [UInt8])...) -> Data {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (key, value) in members {
            bytes += Array("\"\(key)\":".utf8) + value + [UInt8(ascii: ",")]
        }
        bytes += Array("\"type\":\"\(type)\"}\n".utf8)
        return Data(bytes)
    }
}
