import AssayCore

/// A checklist scored from one set of answers: each item's outcome, and each tier's verdict.
/// Always computed from answers, never typed in.
public struct ChecklistScore: Sendable, Equatable {
    /// What became of one item.
    public enum Outcome: Sendable, Equatable {
        case met(earned: Int)
        /// Not met; `earned` may be above 0 for a low level.
        case notMet(earned: Int)
        /// Answered n/a, with its reason.
        case notApplicable(reason: String)
        /// The item does not apply to the institution's type.
        case excluded
        case unanswered
        /// Members disagree and the leader has not resolved it.
        case disputed

        /// Whether the item still needs an answer or a resolution.
        public var isOpen: Bool {
            switch self {
            case .unanswered, .disputed: true
            default: false
            }
        }
    }

    /// One item and its outcome.
    public struct ItemResult: Sendable, Equatable {
        public var item: ChecklistItem
        public var section: String
        public var outcome: Outcome
        /// The answer it was scored from.
        public var answer: AnswerValue?
    }

    /// Points earned of points possible, in one section or overall.
    public struct Share: Sendable, Equatable, CustomStringConvertible {
        public var earned = 0
        public var possible = 0

        /// Whether the share reaches `percent` (nothing possible reaches any threshold).
        public func reaches(_ percent: Int) -> Bool {
            possible == 0 || earned * 100 >= percent * possible
        }

        /// Such as `86.2%`, rounded down to a tenth.
        public var description: String {
            guard possible > 0 else { return "n/a" }
            let tenths = earned * 1000 / possible
            return "\(tenths / 10).\(tenths % 10)%"
        }
    }

    /// One tier's verdict and what decided it.
    public struct TierResult: Sendable, Equatable {
        public var tier: ChecklistTier
        public var rule: PassRule
        public var overall: Share
        /// Each section's id and share, in the checklist's order.
        public var sectionIDs: [String]
        public var sectionShares: [Share]
        /// Critical items of this tier or below that are not met.
        public var criticalFailures: [String]

        /// Each section with its share and, where the rule sets one, its threshold.
        public var sections: [(id: String, share: Share, threshold: Int?)] {
            zip(sectionIDs, sectionShares).map { ($0, $1, rule.sections[$0]) }
        }

        public var passed: Bool {
            guard criticalFailures.isEmpty, overall.reaches(rule.overall) else { return false }
            for (id, share) in zip(sectionIDs, sectionShares) {
                if let threshold = rule.sections[id], !share.reaches(threshold) { return false }
            }
            return true
        }

        /// What decided the verdict, one clause each: critical items first, then thresholds missed,
        /// or the overall share when it passed.
        public var reasons: [String] {
            var reasons = criticalFailures.map { "critical item \($0) not met" }
            if !overall.reaches(rule.overall) {
                reasons.append("overall \(overall) of points, \(rule.overall)% needed")
            }
            for section in sections {
                if let threshold = section.threshold, !section.share.reaches(threshold) {
                    reasons.append("section \(section.id) \(section.share), \(threshold)% needed")
                }
            }
            return reasons.isEmpty ? ["overall \(overall) of points, \(rule.overall)% needed; no critical item failed"] : reasons
        }
    }

    public var checklist: Checklist
    /// Each item's outcome and the answer it was scored from, in the checklist's order.
    public var outcomes: [Outcome]
    var answers: [AnswerValue?]
    /// The tiers the checklist scores, lowest first.
    public var tiers: [TierResult]

    /// Scores `checklist` for an institution of `type` from `answers` by item id; items in
    /// `disputed` count as open whatever their answer. An answer the item does not take counts
    /// as no answer.
    public init(_ checklist: Checklist, for type: InstitutionType?, answers: [String: AnswerValue], disputed: Set<String> = []) {
        let items = checklist.layout.items
        var outcomes: [Outcome] = []
        var given: [AnswerValue?] = []
        outcomes.reserveCapacity(items.count)
        for item in items {
            let answer = answers[item.id]
            given.append(answer)
            if !item.applies(to: type) {
                outcomes.append(.excluded)
            } else if disputed.contains(item.id) {
                outcomes.append(.disputed)
            } else {
                outcomes.append(answer.map { Self.outcome(item.evaluation(of: $0), $0) } ?? .unanswered)
            }
        }
        self.init(checklist, outcomes: outcomes, answers: given)
    }

    /// The outcome an evaluated answer gives.
    static func outcome(_ evaluation: AnswerEvaluation, _ answer: AnswerValue) -> Outcome {
        switch evaluation {
        case .met(let earned): .met(earned: earned)
        case .notMet(let earned): .notMet(earned: earned)
        case .notApplicable: .notApplicable(reason: answer.note ?? "")
        case .invalid: .unanswered
        }
    }

    /// The score of items whose outcomes are known, in the checklist's order: every tier's
    /// shares worked out in one pass.
    init(_ checklist: Checklist, outcomes: [Outcome], answers: [AnswerValue?]) {
        self.checklist = checklist
        self.outcomes = outcomes
        self.answers = answers
        let layout = checklist.layout
        let tierList = checklist.pass.tiers
        var overall = [Share](repeating: Share(), count: tierList.count)
        var sections = [[Share]](repeating: [Share](repeating: Share(), count: checklist.sections.count), count: tierList.count)
        var critical = [[String]](repeating: [], count: tierList.count)
        for position in outcomes.indices {
            let earned: Int
            let counts: Bool
            var failed = false
            switch outcomes[position] {
            case .met(let points): (earned, counts) = (points, true)
            case .notMet(let points): (earned, counts, failed) = (points, true, true)
            case .unanswered, .disputed: (earned, counts) = (0, true)
            case .notApplicable, .excluded: (earned, counts) = (0, false)
            }
            guard counts else { continue }
            let item = layout.items[position]
            let possible = layout.possible[position]
            let section = layout.sectionOf[position]
            for (t, tier) in tierList.enumerated() where item.tier <= tier {
                overall[t].earned += earned
                overall[t].possible += possible
                sections[t][section].earned += earned
                sections[t][section].possible += possible
                if failed, item.critical { critical[t].append(item.id) }
            }
        }
        let sectionIDs = checklist.sections.map(\.id)
        tiers = tierList.enumerated().map { t, tier in
            TierResult(tier: tier, rule: checklist.pass[tier]!, overall: overall[t], sectionIDs: sectionIDs,
                       sectionShares: sections[t], criticalFailures: critical[t])
        }
    }

    /// Every item with its outcome and answer, for people and the archive.
    public var items: [ItemResult] {
        let layout = checklist.layout
        return outcomes.indices.map { p in
            ItemResult(item: layout.items[p], section: checklist.sections[layout.sectionOf[p]].id, outcome: outcomes[p], answer: answers[p])
        }
    }

    /// Items that still need an answer or a resolution.
    public var open: [ItemResult] { items.filter(\.outcome.isOpen) }

    /// Whether every applicable item is answered and no disagreement is left.
    public var isComplete: Bool { !outcomes.contains(where: \.isOpen) }

    /// Items answered and not met.
    public var notMet: [ItemResult] {
        items.filter { if case .notMet = $0.outcome { true } else { false } }
    }

    /// The verdict for `tier`: it and every tier below it pass. Nil when the checklist does not
    /// score `tier`.
    public func meets(_ tier: ChecklistTier) -> Bool? {
        guard tiers.contains(where: { $0.tier == tier }) else { return nil }
        return tiers.allSatisfy { $0.tier > tier || $0.passed }
    }

    /// What decided `tier`: the reasons of the first tier at or below it that failed, or of
    /// `tier` itself when it passed.
    public func reasons(for tier: ChecklistTier) -> [String] {
        if let failed = tiers.first(where: { $0.tier <= tier && !$0.passed }) {
            return (failed.tier == tier ? [] : ["the \(failed.tier) standard is not met"]) + failed.reasons
        }
        return tiers.first { $0.tier == tier }?.reasons ?? []
    }
}
