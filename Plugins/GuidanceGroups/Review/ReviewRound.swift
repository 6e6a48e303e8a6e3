import AssayCore

/// One review of a case by an expert group: the group, its checklist, and every member's latest
/// answer and the leader's resolutions, as the log's records leave them. Answers are kept by
/// item position and evaluated against the checklist as they are folded, so scoring is a pass
/// over the items.
public struct ReviewRound: Sendable, Equatable {
    /// An answer, when it was given, and what it comes to.
    public struct Given: Sendable, Equatable {
        public var answer: AnswerValue
        public var at: Timestamp
        public var evaluation: AnswerEvaluation
    }

    /// A resolution, when it was given, and what it comes to.
    public struct Resolved: Sendable, Equatable {
        public var resolution: ItemResolution
        public var at: Timestamp
        public var evaluation: AnswerEvaluation
    }

    /// A resolution that no longer applies: a member answered the item after it.
    public struct Reopened: Sendable, Equatable {
        public var resolution: ItemResolution
        /// The member whose later answer reopened the item, and when.
        public var by: String
        public var at: Timestamp
    }

    /// An answer or resolution left out because it does not fit the checklist.
    public struct Ignored: Sendable, Equatable {
        public var by: String
        public var item: String
        public var problem: String
    }

    /// 1 for the case's first group, then 2, 3… (a recheck or an appeal forms a new group).
    public var number: Int
    public var group: GroupFormed
    public var formedAt: Timestamp
    /// For each member in the group's order, the latest answer to each item by position.
    var answers: [[Given?]]
    /// The leader's latest resolution of each item, by position.
    var resolutions: [Resolved?]
    public private(set) var ignored: [Ignored] = []
    /// Resolutions set aside by a member's later answer, in the order that happened.
    public private(set) var reopened: [Reopened] = []

    /// A new round of `group` on `checklist`.
    init(number: Int, group: GroupFormed, formedAt: Timestamp, items: Int) {
        self.number = number
        self.group = group
        self.formedAt = formedAt
        answers = Array(repeating: Array(repeating: nil, count: items), count: group.members.count)
        resolutions = Array(repeating: nil, count: items)
    }

    /// How many answers the members have given (each member's latest to each item).
    public var answerCount: Int {
        answers.reduce(0) { $0 + $1.count { $0 != nil } }
    }

    /// Whether `expertID` is in the group.
    public func hasMember(_ expertID: String) -> Bool {
        group.members.contains(expertID)
    }

    /// `member`'s latest answer to `item`.
    public func answer(of member: String, to item: String, in checklist: Checklist) -> Given? {
        guard let m = group.members.firstIndex(of: member), let p = checklist.layout.positions[item] else { return nil }
        return answers[m][p]
    }

    /// Folds `member`'s answer to `item` at `at`: it replaces their earlier answer if the
    /// checklist takes it, and is left out, with why, if not. An answer after the leader's
    /// resolution of the item reopens it: the resolution no longer applies.
    mutating func fold(_ answer: ItemAnswer, by member: String, at: Timestamp, checklist: Checklist) {
        guard let m = group.members.firstIndex(of: member),
              let (position, evaluation) = evaluate(answer.answer, to: answer.item, by: member, checklist: checklist) else { return }
        answers[m][position] = Given(answer: answer.answer, at: at, evaluation: evaluation)
        if let resolved = resolutions[position] {
            reopened.append(Reopened(resolution: resolved.resolution, by: member, at: at))
            resolutions[position] = nil
        }
    }

    /// The members' latest answers to the item at `position`, as (member, answer), in the
    /// group's order, leaving out the members in `setAside`.
    func answers(at position: Int, setAside: Set<String> = []) -> [(member: String, answer: AnswerValue)] {
        answers.indices.compactMap { m in
            guard let given = answers[m][position], !setAside.contains(group.members[m]) else { return nil }
            return (group.members[m], given.answer)
        }
    }

    /// Folds a resolution; only the leader's count.
    mutating func fold(_ resolution: ItemResolution, by member: String, at: Timestamp, checklist: Checklist) {
        guard member == group.leader,
              let (position, evaluation) = evaluate(resolution.answer, to: resolution.item, by: member, checklist: checklist) else { return }
        resolutions[position] = Resolved(resolution: resolution, at: at, evaluation: evaluation)
    }

    /// The item's position and what `answer` comes to, or nil (with the answer noted as left
    /// out) when the checklist does not take it.
    private mutating func evaluate(_ answer: AnswerValue, to item: String, by member: String, checklist: Checklist) -> (Int, AnswerEvaluation)? {
        func leaveOut(_ problem: String) -> (Int, AnswerEvaluation)? {
            ignored.append(Ignored(by: member, item: item, problem: problem))
            return nil
        }
        guard let position = checklist.layout.positions[item] else { return leaveOut("the checklist has no item \(item)") }
        guard position < resolutions.count else { return leaveOut("the group was formed before its checklist was stored") }
        let evaluation = checklist.layout.items[position].evaluation(of: answer)
        if case .invalid(let problem) = evaluation { return leaveOut(problem) }
        return (position, evaluation)
    }
}
