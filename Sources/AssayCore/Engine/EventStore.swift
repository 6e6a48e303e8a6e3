/// Where case histories are kept. Stores only append; nothing is ever updated or deleted.
///
/// The in-memory store lives here; durable stores (SQLite, PostgreSQL) conform in their own
/// modules so the core carries no database code.
public protocol EventStore: Sendable {
    /// Appends `events`, all of one case, numbered from `expectedVersion + 1`, if the case has
    /// exactly `expectedVersion` events; otherwise throws `StoreError.versionConflict` and
    /// writes nothing. A new case has version 0.
    func append(_ events: [Event], expectedVersion: Int) async throws

    /// The events of `caseID` in sequence order; empty for an unknown case.
    func events(of caseID: CaseID) async throws -> [Event]

    /// The ids of every case, in the order they were opened.
    func caseIDs() async throws -> [CaseID]
}

/// A store refused an append or read.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Someone else appended to the case first; reload it and decide again.
    case versionConflict(CaseID, expected: Int, actual: Int)
    /// The events handed to `append` are not one case's consecutive events after `expectedVersion`.
    case malformedAppend(String)

    public var description: String {
        switch self {
        case .versionConflict(let id, let expected, let actual):
            "case \(id) is at version \(actual), not \(expected): someone else changed it first; reload the case and try again"
        case .malformedAppend(let problem):
            "the events to append are malformed: \(problem)"
        }
    }
}

extension StoreError {
    /// Checks that `events` are consecutive events of one case after `expectedVersion`.
    public static func validate(_ events: [Event], expectedVersion: Int) throws(StoreError) {
        guard let caseID = events.first?.caseID else { return }
        for (offset, event) in events.enumerated() {
            guard event.caseID == caseID else {
                throw .malformedAppend("events of cases \(caseID) and \(event.caseID) in one append")
            }
            guard event.sequence == expectedVersion + offset + 1 else {
                throw .malformedAppend("event \(offset + 1) has sequence \(event.sequence), expected \(expectedVersion + offset + 1)")
            }
        }
    }
}
