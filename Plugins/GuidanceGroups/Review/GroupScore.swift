import AssayCore

/// A review round scored: each member's result from their own answers, the items where members
/// disagree, and the group's result from the agreed answers and the leader's resolutions.
public struct GroupScore: Sendable {
    /// An item members answered differently, and the leader's resolution if there is one.
    public struct Disagreement: Sendable, Equatable {
        public var item: String
        /// Member id and value, in the group's order.
        public var values: [(member: String, value: String)]
        public var resolution: ItemResolution?

        public static func == (lhs: Disagreement, rhs: Disagreement) -> Bool {
            lhs.item == rhs.item && lhs.resolution == rhs.resolution
                && lhs.values.map(\.member) == rhs.values.map(\.member) && lhs.values.map(\.value) == rhs.values.map(\.value)
        }

        /// Such as `2.1.3: yes by expert-1, no by expert-2`.
        public var description: String {
            "\(item): " + values.map { "\($0.value) by \($0.member)" }.joined(separator: ", ")
        }
    }

    public var round: ReviewRound
    public var members: [(id: String, score: ChecklistScore)]
    public var disagreements: [Disagreement]
    /// Answers (and resolutions) that do not fit the checklist, and were left out: item and why.
    public var ignored: [(item: String, problem: String)]
    public var group: ChecklistScore

    /// Scores `round` against `checklist` for an institution of `type`.
    public init(_ round: ReviewRound, checklist: Checklist, for type: InstitutionType?) {
        self.round = round
        var ignored: [(String, String)] = []
        var valid: [String: [String: AnswerValue]] = [:]
        for member in round.group.members {
            for (itemID, given) in round.answers[member] ?? [:] {
                if let problem = Self.problem(itemID, given.answer, in: checklist) {
                    ignored.append((itemID, "\(member): \(problem)"))
                } else {
                    valid[member, default: [:]][itemID] = given.answer
                }
            }
        }
        members = round.group.members.map { ($0, ChecklistScore(checklist, for: type, answers: valid[$0] ?? [:])) }
        var agreed: [String: AnswerValue] = [:]
        var disputed: Set<String> = []
        var disagreements: [Disagreement] = []
        for item in checklist.items {
            let given = round.group.members.compactMap { member in valid[member]?[item.id].map { (member, $0) } }
            var resolution = round.resolutions[item.id]?.resolution
            if let proposed = resolution, let problem = Self.problem(item.id, proposed.answer, in: checklist) {
                ignored.append((item.id, "resolution: \(problem)"))
                resolution = nil
            }
            let unanimous = given.dropFirst().allSatisfy { $0.1.agrees(with: given[0].1) }
            if !unanimous {
                disagreements.append(Disagreement(item: item.id, values: given.map { ($0.0, $0.1.value) }, resolution: resolution))
            }
            if let resolution {
                agreed[item.id] = resolution.answer
            } else if let first = given.first {
                agreed[item.id] = first.1
                if !unanimous { disputed.insert(item.id) }
            }
        }
        self.disagreements = disagreements
        self.ignored = ignored
        group = ChecklistScore(checklist, for: type, answers: agreed, disputed: disputed)
    }

    private static func problem(_ itemID: String, _ answer: AnswerValue, in checklist: Checklist) -> String? {
        guard let item = checklist.item(itemID) else { return "the checklist has no item \(itemID)" }
        return item.problem(with: answer)
    }

    /// Disagreements the leader has not resolved.
    public var unresolved: [Disagreement] { disagreements.filter { $0.resolution == nil } }
}
