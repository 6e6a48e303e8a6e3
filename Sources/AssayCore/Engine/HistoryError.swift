/// A case history that cannot be folded: events out of order, or not starting with the opening.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var caseID: CaseID
    public var sequence: Int
    public var problem: String

    public var description: String {
        "the history of case \(caseID) is inconsistent at event \(sequence): \(problem)"
    }
}
