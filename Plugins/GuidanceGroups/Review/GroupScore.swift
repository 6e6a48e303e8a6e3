import AssayCore

/// A review round scored: the group's result from the agreed answers and the leader's
/// resolutions, the items where members disagree, and each member's result from their own
/// answers.
public struct GroupScore: Sendable {
    /// An item members answered differently, and the leader's resolution if there is one.
    public struct Disagreement: Sendable, Equatable, CustomStringConvertible {
        public var item: String
        /// Member id and value, in the group's order.
        public var members: [String]
        public var values: [String]
        public var resolution: ItemResolution?

        /// Such as `2.1.3: yes by expert-1, no by expert-2`.
        public var description: String {
            "\(item): " + zip(values, members).map { "\($0) by \($1)" }.joined(separator: ", ")
        }
    }

    public var round: ReviewRound
    public var disagreements: [Disagreement]
    public var group: ChecklistScore
    /// Members whose answers no longer count (a conflict of interest declared since), each with
    /// why; the group's result is scored without them.
    public var setAside: [(member: String, reason: String)]
    let type: InstitutionType?

    /// Scores `round`, whose answers were folded against `checklist`, for an institution of
    /// `type`, leaving out the answers of the members in `setAside`: one pass over the items.
    public init(_ round: ReviewRound, checklist: Checklist, for type: InstitutionType?, setAside: [(member: String, reason: String)] = []) {
        self.round = round
        self.type = type
        self.setAside = setAside
        let excluded = Set(setAside.map(\.member))
        let layout = checklist.layout
        let count = min(layout.items.count, round.resolutions.count)
        var outcomes = [ChecklistScore.Outcome](repeating: .unanswered, count: layout.items.count)
        var answers = [AnswerValue?](repeating: nil, count: layout.items.count)
        var disagreements: [Disagreement] = []
        for position in 0..<count {
            guard layout.items[position].applies(to: type) else {
                outcomes[position] = .excluded
                continue
            }
            var first: Given?
            var unanimous = true
            for member in round.answers.indices where excluded.isEmpty || !excluded.contains(round.group.members[member]) {
                guard let given = round.answers[member][position] else { continue }
                if let first {
                    if !given.answer.agrees(with: first.answer) { unanimous = false }
                } else {
                    first = given
                }
            }
            let resolved = round.resolutions[position]
            if !unanimous {
                let answered = round.answers(at: position, setAside: excluded)
                disagreements.append(Disagreement(item: layout.items[position].id, members: answered.map(\.member),
                                                  values: answered.map(\.answer.value), resolution: resolved?.resolution))
            }
            if let resolved {
                outcomes[position] = ChecklistScore.outcome(resolved.evaluation, resolved.resolution.answer)
                answers[position] = resolved.resolution.answer
            } else if let first {
                outcomes[position] = unanimous ? ChecklistScore.outcome(first.evaluation, first.answer) : .disputed
                answers[position] = first.answer
            }
        }
        self.disagreements = disagreements
        group = ChecklistScore(checklist, outcomes: outcomes, answers: answers)
    }

    private typealias Given = ReviewRound.Given

    /// Each member's result, from their own answers alone.
    public var members: [(id: String, score: ChecklistScore)] {
        let checklist = group.checklist
        let layout = checklist.layout
        return round.group.members.enumerated().map { m, id in
            var outcomes = [ChecklistScore.Outcome](repeating: .unanswered, count: layout.items.count)
            var answers = [AnswerValue?](repeating: nil, count: layout.items.count)
            for position in layout.items.indices {
                if !layout.items[position].applies(to: type) {
                    outcomes[position] = .excluded
                } else if position < round.answers[m].count, let given = round.answers[m][position] {
                    outcomes[position] = ChecklistScore.outcome(given.evaluation, given.answer)
                    answers[position] = given.answer
                }
            }
            return (id, ChecklistScore(checklist, outcomes: outcomes, answers: answers))
        }
    }

    /// Answers and resolutions that do not fit the checklist, and were left out.
    public var ignored: [ReviewRound.Ignored] { round.ignored }

    /// Disagreements the leader has not resolved.
    public var unresolved: [Disagreement] { disagreements.filter { $0.resolution == nil } }
}
