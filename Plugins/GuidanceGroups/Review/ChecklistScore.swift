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
        public var earned: Int
        public var possible: Int

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
        /// Each section with its share and, where the rule sets one, its threshold.
        public var sections: [(id: String, share: Share, threshold: Int?)]
        /// Critical items of this tier or below that are not met.
        public var criticalFailures: [String]

        public var passed: Bool {
            criticalFailures.isEmpty && overall.reaches(rule.overall)
                && sections.allSatisfy { section in section.threshold.map(section.share.reaches) ?? true }
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

        public static func == (lhs: TierResult, rhs: TierResult) -> Bool {
            lhs.tier == rhs.tier && lhs.rule == rhs.rule && lhs.overall == rhs.overall && lhs.criticalFailures == rhs.criticalFailures
                && lhs.sections.map(\.id) == rhs.sections.map(\.id) && lhs.sections.map(\.share) == rhs.sections.map(\.share)
                && lhs.sections.map(\.threshold) == rhs.sections.map(\.threshold)
        }
    }

    public var checklist: Checklist
    public var items: [ItemResult]
    /// The tiers the checklist scores, lowest first.
    public var tiers: [TierResult]

    /// Scores `checklist` for an institution of `type` from `answers` by item id; items in
    /// `disputed` count as open whatever their answer.
    public init(_ checklist: Checklist, for type: InstitutionType?, answers: [String: AnswerValue], disputed: Set<String> = []) {
        self.checklist = checklist
        var items: [ItemResult] = []
        for section in checklist.sections {
            for item in section.items {
                let answer = answers[item.id]
                let outcome: Outcome
                if !item.applies(to: type) {
                    outcome = .excluded
                } else if disputed.contains(item.id) {
                    outcome = .disputed
                } else if let answer {
                    if answer.value == AnswerValue.notApplicable {
                        outcome = .notApplicable(reason: answer.note ?? "")
                    } else {
                        let (earned, met) = item.evaluate(answer.value)
                        outcome = met ? .met(earned: earned) : .notMet(earned: earned)
                    }
                } else {
                    outcome = .unanswered
                }
                items.append(ItemResult(item: item, section: section.id, outcome: outcome, answer: answer))
            }
        }
        self.items = items
        tiers = checklist.pass.tiers.map { tier in Self.tierResult(tier, rule: checklist.pass[tier]!, items: items, sections: checklist.sections) }
    }

    private static func tierResult(_ tier: ChecklistTier, rule: PassRule, items: [ItemResult], sections: [Checklist.Section]) -> TierResult {
        let counted = items.filter { $0.item.tier <= tier }
        func share(_ results: some Sequence<ItemResult>) -> Share {
            var share = Share(earned: 0, possible: 0)
            for result in results {
                switch result.outcome {
                case .met(let earned), .notMet(let earned):
                    share.earned += earned
                    share.possible += result.item.possiblePoints
                case .unanswered, .disputed:
                    share.possible += result.item.possiblePoints
                case .notApplicable, .excluded:
                    break
                }
            }
            return share
        }
        let critical = counted.filter { result in
            guard result.item.critical else { return false }
            if case .notMet = result.outcome { return true }
            return false
        }
        return TierResult(
            tier: tier, rule: rule, overall: share(counted),
            sections: sections.map { section in (section.id, share(counted.lazy.filter { $0.section == section.id }), rule.sections[section.id]) },
            criticalFailures: critical.map(\.item.id)
        )
    }

    /// Items that still need an answer or a resolution.
    public var open: [ItemResult] { items.filter(\.outcome.isOpen) }

    /// Whether every applicable item is answered and no disagreement is left.
    public var isComplete: Bool { open.isEmpty }

    /// Items answered and not met.
    public var notMet: [ItemResult] {
        items.filter { if case .notMet = $0.outcome { true } else { false } }
    }

    /// The verdict for `tier`: it and every tier below it pass. Nil when the checklist does not
    /// score `tier`.
    public func meets(_ tier: ChecklistTier) -> Bool? {
        guard tiers.contains(where: { $0.tier == tier }) else { return nil }
        return tiers.filter { $0.tier <= tier }.allSatisfy(\.passed)
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
