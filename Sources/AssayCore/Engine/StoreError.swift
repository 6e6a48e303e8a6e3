/// A store refused an operation, or found something it cannot trust.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Someone else appended to the case first; reload it and decide again.
    case versionConflict(CaseID, expected: Int, actual: Int)
    /// The events handed to `append` are not one case's consecutive events after `expectedVersion`.
    case malformedAppend(String)
    /// A checkpoint does not follow the last one.
    case checkpointOutOfOrder(expected: Int, got: Int)
    /// Cosignatures were added to a checkpoint the store does not hold.
    case noSuchCheckpoint(Int, count: Int)
    /// The log already has another name; a log is named once.
    case originAlreadySet(existing: String, requested: String)
    /// The store was written by a newer Assay, with schema migrations this one does not know.
    case newerSchema(found: [String], known: [String])
    /// A store location that names no known kind of store.
    case unknownLocation(String)
    /// No store is there, and the command does not create one.
    case missing(String)
    /// The store is there but cannot be opened or reached.
    case unreachable(String)
    /// The database said no; the message is the database's.
    case database(String)
    /// Stored data does not decode or does not match its hash.
    case corrupt(String)

    public var description: String {
        switch self {
        case .versionConflict(let id, let expected, let actual):
            "case \(id) is at version \(actual), not \(expected): someone else changed it first; reload the case and try again"
        case .malformedAppend(let problem):
            "the events to append are malformed: \(problem)"
        case .checkpointOutOfOrder(let expected, let got):
            "checkpoint \(got) does not follow the last one; the next checkpoint is number \(expected)"
        case .noSuchCheckpoint(let number, let count):
            "there is no checkpoint \(number) to add cosignatures to; the store holds \(count) checkpoint\(count == 1 ? "" : "s")"
        case .originAlreadySet(let existing, let requested):
            "the log is named '\(existing)', not '\(requested)'; a log is named once, when its first checkpoint is signed"
        case .newerSchema(let found, let known):
            "the store was written by a newer version of Assay (its migrations: \(found.joined(separator: ", ")); this version knows \(known.joined(separator: ", "))); upgrade Assay to open it"
        case .unknownLocation(let location):
            "'\(location)' is not a store location; use sqlite:PATH (sqlite:PATH?synchronous=normal trades durability for speed) or postgres://USER@HOST:PORT/DATABASE"
        case .missing(let location):
            "there is no store at \(location); check the path, or create one with `assay demo` or `assay import`"
        case .unreachable(let problem):
            problem
        case .database(let message):
            "the database refused the operation: \(message)"
        case .corrupt(let problem):
            "the store holds data that cannot be trusted: \(problem); run `assay verify` to locate it"
        }
    }
}

extension StoreError {
    /// Checks that `event` is the next of its subject after `expectedVersion`.
    public static func validate(_ event: Event, expectedVersion: Int) throws(StoreError) {
        guard event.sequence == expectedVersion + 1 else {
            throw .malformedAppend("event 1 has sequence \(event.sequence), expected \(expectedVersion + 1)")
        }
    }

    /// Checks that `events` are consecutive events of one case after `expectedVersion`.
    public static func validate(_ events: [Event], expectedVersion: Int) throws(StoreError) {
        guard let caseID = events.first?.subject else { return }
        for (offset, event) in events.enumerated() {
            guard event.subject == caseID else {
                throw .malformedAppend("events of cases \(caseID) and \(event.subject) in one append")
            }
            guard event.sequence == expectedVersion + offset + 1 else {
                throw .malformedAppend("event \(offset + 1) has sequence \(event.sequence), expected \(expectedVersion + offset + 1)")
            }
        }
    }

}
