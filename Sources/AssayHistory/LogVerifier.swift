import AssayCore
import Foundation

/// Recomputes everything a store's history claims: every entry's position and leaf hash, that
/// every body is the canonical form of an event in its case's order, that every pinned
/// definition matches its hash, and every checkpoint's root and signature.
public struct LogVerifier: Sendable {
    /// Something that does not match, at a log position or a checkpoint.
    public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
        public var position: Int?
        public var checkpoint: Int?
        public var message: String

        public var description: String {
            if let position { return "event \(position): \(message)" }
            if let checkpoint { return "checkpoint \(checkpoint): \(message)" }
            return message
        }
    }

    /// What was checked and what did not match.
    public struct Report: Sendable, Codable {
        public var events = 0
        public var bytes = 0
        public var cases = 0
        public var definitions = 0
        public var checkpoints = 0
        public var problems: [Problem] = []
        public var rootHash = LogHash.empty

        public var isValid: Bool { problems.isEmpty }
    }

    public let store: any EventStore
    /// The witnesses that must have cosigned every checkpoint, if any.
    public var witnesses: WitnessPolicy?
    /// Called after each batch with the number of entries checked and the log's size.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(store: any EventStore, witnesses: WitnessPolicy? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.store = store
        self.witnesses = witnesses
        self.progress = progress
    }

    public func run() async throws -> Report {
        var report = Report()
        let size = try await store.logSize()
        let checkpoints = try await store.checkpoints()
        let storedDefinitions = try await store.definitions()
        var definitionsChecked: [DefinitionHash: Bool] = [:]
        var versions = SubjectVersions()
        var tree = MerkleAccumulator()
        var nextCheckpoint = 0
        var lastPosition = 0
        var removed = 0
        // A checkpoint of the empty log covers no event: it is checked against the empty root.
        while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].treeSize == 0 {
            check(checkpoints[nextCheckpoint], root: tree.root, into: &report)
            nextCheckpoint += 1
        }

        // Hashing and parsing use every core, ahead of the checks that follow the log's order.
        try await LogReader(store: store).forEachBatch(mapping: ReadEntry.init) { parsed in
            for index in parsed.indices {
                let entry = parsed[index]
                let expected = lastPosition + 1
                report.events += 1
                report.bytes += entry.bytes
                if entry.position > expected {
                    let missing = entry.position - expected
                    removed += missing
                    let positions = missing == 1 ? "position \(expected) is" : "positions \(expected) to \(entry.position - 1) are"
                    report.problems.append(Problem(position: expected, message: "\(positions) missing from the log: \(missing == 1 ? "an event was" : "\(missing) events were") removed, and every checkpoint after it no longer matches"))
                } else if entry.position < expected {
                    report.problems.append(Problem(position: entry.position, message: "found after position \(lastPosition): the log is out of order"))
                }
                lastPosition = max(lastPosition, entry.position)
                if entry.leaf != entry.recorded {
                    report.problems.append(Problem(position: entry.position, message: "its body hashes to \(entry.leaf.hex), but \(entry.recorded.hex) was recorded: the event was altered"))
                }
                tree.append(entry.leaf)
                check(entry, versions: &versions, removed: &removed, definitions: storedDefinitions,
                      checked: &definitionsChecked, into: &report)
                while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].treeSize == tree.count {
                    check(checkpoints[nextCheckpoint], root: tree.root, into: &report)
                    nextCheckpoint += 1
                }
            }
            progress?(tree.count, size)
        }
        for checkpoint in checkpoints[nextCheckpoint...] {
            check(checkpoint, root: nil, into: &report)
        }
        report.cases = versions.subjects.count(where: \.isCase)
        report.definitions = definitionsChecked.count
        report.checkpoints = checkpoints.count
        report.rootHash = tree.root
        return report
    }

    /// Checks one entry. `removed` counts the positions found missing so far that no case's
    /// gap has yet been put down to: a case that skips a sequence there lost that event, which
    /// the missing position already reports.
    private func check(
        _ entry: ReadEntry, versions: inout SubjectVersions, removed: inout Int,
        definitions: [DefinitionHash: [UInt8]], checked: inout [DefinitionHash: Bool], into report: inout Report
    ) {
        let event: EventHeader
        do {
            event = try entry.header.get()
        } catch {
            report.problems.append(Problem(position: entry.position, message: "its body is not an event in canonical form: \(error)"))
            return
        }
        if event.subject != entry.subject || event.sequence != entry.sequence {
            report.problems.append(Problem(position: entry.position, message: "it is indexed as event \(entry.sequence) of case \(entry.subject) but holds event \(event.sequence) of case \(event.subject)"))
        }
        let version = versions.advance(event.subject, to: event.sequence)
        if event.sequence > version + 1, event.sequence - version - 1 <= removed {
            removed -= event.sequence - version - 1
        } else if event.sequence != version + 1 {
            report.problems.append(Problem(position: entry.position, message: "it is event \(event.sequence) of case \(event.subject), which had \(version) events"))
        }
        if let hash = event.definitionHash, checked[hash] == nil {
            if let bytes = definitions[hash] {
                do {
                    _ = try StoredDefinition.decode(bytes, expecting: hash)
                    checked[hash] = true
                } catch .corrupt(let problem) {
                    checked[hash] = false
                    report.problems.append(Problem(position: entry.position, message: "case \(event.subject) pins a definition that cannot be trusted: \(problem)"))
                } catch {
                    checked[hash] = false
                    report.problems.append(Problem(position: entry.position, message: "case \(event.subject) pins definition \(hash.short): \(error)"))
                }
            } else {
                checked[hash] = false
                report.problems.append(Problem(position: entry.position, message: "case \(event.subject) pins definition \(hash.short), which the store does not hold"))
            }
        }
    }

    /// Each subject's version as the log is read: the highest sequence of its events so far.
    /// The last subject's is kept aside, since most events follow one of the same case and then
    /// need no look-up.
    private struct SubjectVersions {
        private var versions: [Subject: Int] = [:]
        private var last: (subject: Subject, version: Int)?

        /// Raises `subject`'s version to `sequence`, if that is higher; the version it had (0
        /// for a subject not seen yet).
        mutating func advance(_ subject: Subject, to sequence: Int) -> Int {
            if let last, last.subject == subject {
                self.last = (subject, max(last.version, sequence))
                return last.version
            }
            if let last { versions[last.subject] = last.version }
            let version = versions[subject] ?? 0
            last = (subject, max(version, sequence))
            return version
        }

        /// Every subject seen.
        var subjects: Set<Subject> {
            var subjects = Set(versions.keys)
            if let last { subjects.insert(last.subject) }
            return subjects
        }
    }

    /// What the checks in the log's order need of an entry: its body hashed and its header
    /// read, on every core, and the body itself let go there.
    private struct ReadEntry: Sendable {
        let position: Int
        /// The subject and sequence the store indexes the entry under.
        let subject: Subject
        let sequence: Int
        /// The body's length in bytes.
        let bytes: Int
        /// The leaf hash recorded with the entry, and the one its body hashes to.
        let recorded: LogHash
        let leaf: LogHash
        let header: Result<EventHeader, CanonicalReader.Failure>

        init(_ entry: LogEntry) {
            position = entry.position
            subject = entry.subject
            sequence = entry.sequence
            bytes = entry.body.count
            recorded = entry.hash
            leaf = LogHash.leaf(entry.body)
            header = Result { () throws(CanonicalReader.Failure) in try EventHeader(canonical: entry.body, indexedAs: entry.subject) }
        }
    }

    private func check(_ checkpoint: SignedCheckpoint, root: LogHash?, into report: inout Report) {
        guard let root else {
            report.problems.append(Problem(checkpoint: checkpoint.number, message: "it covers \(checkpoint.treeSize) events but the log holds fewer: events were removed"))
            return
        }
        if root != checkpoint.rootHash {
            report.problems.append(Problem(checkpoint: checkpoint.number, message: "the first \(checkpoint.treeSize) events hash to root \(root.hex), not the signed \(checkpoint.rootHash.hex): an event up to position \(checkpoint.treeSize) was altered"))
        }
        if !checkpoint.hasValidSignature() {
            report.problems.append(Problem(checkpoint: checkpoint.number, message: "its signature is not valid"))
        }
        for cosignature in checkpoint.cosignatures where !cosignature.isValid(for: checkpoint) {
            report.problems.append(Problem(checkpoint: checkpoint.number, message: "its cosignature by \(cosignature.name) is not valid for it"))
        }
        if let shortfall = witnesses?.shortfall(of: checkpoint) {
            report.problems.append(Problem(checkpoint: checkpoint.number, message: "it is not witnessed: \(shortfall)"))
        }
    }
}
