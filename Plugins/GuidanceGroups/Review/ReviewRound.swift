import AssayCore

/// One review of a case by an expert group: the group, its checklist, and every member's latest
/// answer and the leader's resolutions, as the log's records leave them.
public struct ReviewRound: Sendable, Equatable {
    /// An answer and when it was given.
    public struct Given: Sendable, Equatable {
        public var answer: AnswerValue
        public var at: Timestamp
    }

    /// A resolution and when it was given.
    public struct Resolved: Sendable, Equatable {
        public var resolution: ItemResolution
        public var at: Timestamp
    }

    /// 1 for the case's first group, then 2, 3… (a recheck or an appeal forms a new group).
    public var number: Int
    public var group: GroupFormed
    public var formedAt: Timestamp
    /// Member id → item id → the member's latest answer.
    public var answers: [String: [String: Given]] = [:]
    /// Item id → the leader's latest resolution.
    public var resolutions: [String: Resolved] = [:]

    public init(number: Int, group: GroupFormed, formedAt: Timestamp) {
        self.number = number
        self.group = group
        self.formedAt = formedAt
    }

    /// Whether `expertID` is in the group.
    public func hasMember(_ expertID: String) -> Bool {
        group.members.contains(expertID)
    }
}
