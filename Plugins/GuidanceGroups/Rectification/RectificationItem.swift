import AssayCore
import Foundation

/// One shortfall in an institution's rectification archive (整改档案): a not-met item of a
/// completed review, with its plan, progress reports, and the expert's verification that closes it.
public struct RectificationItem: Sendable, Equatable {
    /// A report and who made it when.
    public struct Report: Sendable, Equatable {
        public var note: String
        public var by: String
        public var at: Timestamp
    }

    public var round: Int
    public var item: ChecklistItem
    /// The answer that found it not met.
    public var finding: AnswerValue?
    public var plan: RectificationPlan?
    public var progress: [Report]
    public var closed: Report?

    public var isClosed: Bool { closed != nil }

    /// Where it stands, in a few words: not planned, planned and due, or closed (as guards
    /// record it, the time in UTC).
    public var status: String {
        status(showing: TimeDisplay(zone: TimeZone(identifier: "UTC")!))
    }

    /// Where it stands, the time shown by `time`.
    public func status(showing time: TimeDisplay) -> String {
        if let closed { return "closed by \(closed.by) at \(time.show(closed.at))" }
        guard let plan else { return "no measure planned" }
        return "planned, due \(plan.deadline), not yet verified"
    }
}

/// What the log holds about one case's rectification: plans and reports by round and item.
struct RectificationLedger: Sendable, Equatable {
    struct Key: Hashable, Sendable {
        var round: Int
        var item: String
    }

    var plans: [Key: RectificationPlan] = [:]
    var progress: [Key: [RectificationItem.Report]] = [:]
    var closed: [Key: RectificationItem.Report] = [:]
}

/// A rectification item a record or request names that the case's archive does not hold.
public struct MissingRectificationItem: Error, CustomStringConvertible {
    public let description: String
}

extension GuidanceGroupsState {
    /// Item `id` of the case's rectification archive: of `round`, or else of the latest round
    /// that found it; or why there is none, listing the items there are.
    public func rectificationItem(_ id: String, round: Int?, of caseID: CaseID, for type: InstitutionType?) throws(MissingRectificationItem) -> RectificationItem {
        let archive = archive(of: caseID, for: type)
        guard let found = archive.last(where: { $0.item.id == id && (round == nil || $0.round == round) }) else {
            let listed = archive.map { "\($0.item.id) (round \($0.round))" }
            throw MissingRectificationItem(description: "case \(caseID) has no rectification item \(id)\(round.map { " in round \($0)" } ?? ""); "
                + (listed.isEmpty ? "it has none" : "it has: \(Listing.some(listed))"))
        }
        return found
    }
}
