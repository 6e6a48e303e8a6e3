import AssayCore
import IntegrityRecords

/// What the guidance-groups plugin folds its records into: stored checklists and prerequisites,
/// each case's review rounds, figures and rectification ledger, and guidance visits.
public struct GuidanceGroupsState: Sendable {
    /// Stored checklists by content hash (hex), as the log names them.
    public internal(set) var checklists: [String: Checklist] = [:]
    /// The hash of the last stored checklist of each id.
    public internal(set) var latestChecklist: [String: String] = [:]
    /// The last stored prerequisites of each id.
    public internal(set) var prerequisites: [String: Prerequisites] = [:]
    public internal(set) var rounds: [CaseID: [ReviewRound]] = [:]
    /// Each case's figures, by name.
    public internal(set) var figures: [CaseID: [String: Int64]] = [:]
    var ledgers: [CaseID: RectificationLedger] = [:]
    /// Guidance visits by institution id, in the order recorded.
    public internal(set) var guidance: [String: [(visit: GuidanceVisit, by: String, at: Timestamp)]] = [:]

    /// The state before any record.
    public init() {}

    /// The case's current review round.
    /// The checklist a group formed now scores: the last edition of `id` stored in the log, or
    /// else the built-in one with the file to store in the same transaction as the group.
    public func checklistForNewGroup(_ id: String) throws -> (checklist: Checklist, hash: String, unstored: StoredDataFile?) {
        if let hash = latestChecklist[id], let stored = checklists[hash] {
            return (stored, hash, nil)
        }
        let file = try BuiltInData.file(kind: DataKind.checklist, id: id)
        return (try file.content.decode(as: Checklist.self), file.hash.hex, file)
    }

    public func currentRound(of caseID: CaseID) -> ReviewRound? {
        rounds[caseID]?.last
    }

    /// The round scored against its checklist, for an institution of `type`.
    public func score(_ round: ReviewRound, for type: InstitutionType?) -> GroupScore? {
        checklists[round.group.checklist].map { GroupScore(round, checklist: $0, for: type) }
    }

    /// The round scored as it counts now for `institution`: without the answers of members whose
    /// conflict with it the integrity records hold (`ReviewRules.setAside`). What the on-site
    /// guards decide on and `review show` prints.
    public func score(_ round: ReviewRound, of institution: Institution, integrity: IntegrityState?) -> GroupScore? {
        checklists[round.group.checklist].map {
            GroupScore(round, checklist: $0, for: institution.type, setAside: ReviewRules.setAside(round, of: institution, integrity: integrity))
        }
    }

    /// The refusal for a case without a group.
    public static func noGroup(_ caseID: CaseID) -> String {
        "no expert group has been formed for case \(caseID); form one with `assay review form`"
    }

    /// The case's rectification archive: every not-met item of each completed round, oldest
    /// round first, with its plan, progress and verification.
    public func archive(of caseID: CaseID, for type: InstitutionType?) -> [RectificationItem] {
        let ledger = ledgers[caseID] ?? RectificationLedger()
        return (rounds[caseID] ?? []).flatMap { round -> [RectificationItem] in
            guard let score = score(round, for: type), score.group.isComplete else { return [] }
            return score.group.notMet.map { result in
                let key = RectificationLedger.Key(round: round.number, item: result.item.id)
                return RectificationItem(round: round.number, item: result.item, finding: result.answer, plan: ledger.plans[key],
                                         progress: ledger.progress[key] ?? [], closed: ledger.closed[key])
            }
        }
    }

    /// Drops the case's review rounds, figures and rectification ledger: its rules read them
    /// only while deciding about that case.
    mutating func forget(_ caseID: CaseID) {
        rounds[caseID] = nil
        figures[caseID] = nil
        ledgers[caseID] = nil
    }

    mutating func fold(_ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        let by = record.by.id
        switch record.type {
        case DataFileKind.recordType:
            storeDataFile(record, hash: String(subject.value.dropFirst(DataFileKind.recordType.count + 1)))
        case RecordType.group:
            // A group whose checklist the log does not hold scores nothing; its guards say so.
            guard let group = record.content(as: GroupFormed.self) else { return }
            let number = (rounds[subject]?.count ?? 0) + 1
            let items = checklists[group.checklist]?.layout.items.count ?? 0
            rounds[subject, default: []].append(ReviewRound(number: number, group: group, formedAt: at, items: items))
        case RecordType.answer:
            guard let answer = record.content(as: ItemAnswer.self) else { return }
            updateRound(of: subject) { round, checklist in round.fold(answer, by: by, at: at, checklist: checklist) }
        case RecordType.resolution:
            guard let resolution = record.content(as: ItemResolution.self) else { return }
            updateRound(of: subject) { round, checklist in round.fold(resolution, by: by, at: at, checklist: checklist) }
        case RecordType.figures:
            guard let reported = record.content(as: InstitutionFigures.self) else { return }
            figures[subject, default: [:]].merge(reported.figures) { _, new in new }
        case RecordType.rectificationPlan:
            guard let plan = record.content(as: RectificationPlan.self) else { return }
            ledgers[subject, default: RectificationLedger()].plans[.init(round: plan.round, item: plan.item)] = plan
        case RecordType.rectificationProgress, RecordType.rectificationVerified:
            guard let note = record.content(as: RectificationNote.self) else { return }
            let key = RectificationLedger.Key(round: note.round, item: note.item)
            let report = RectificationItem.Report(note: note.note, by: by, at: at)
            if record.type == RecordType.rectificationProgress {
                ledgers[subject, default: RectificationLedger()].progress[key, default: []].append(report)
            } else {
                ledgers[subject, default: RectificationLedger()].closed[key] = report
            }
        case RecordType.guidance:
            guard let visit = record.content(as: GuidanceVisit.self) else { return }
            guidance[String(subject.value.dropFirst("institution:".count)), default: []].append((visit, by, at))
        default:
            break
        }
    }

    /// Changes the case's current round, with its checklist, in place (so the round's answers are
    /// not copied for each answer folded).
    private mutating func updateRound(of caseID: CaseID, _ change: (inout ReviewRound, Checklist) -> Void) {
        let checklists = checklists
        // One look-up of the case's rounds, changed where they are stored.
        func changeLast(_ caseRounds: inout [ReviewRound]?) {
            guard let last = caseRounds?.indices.last, let checklist = checklists[caseRounds![last].group.checklist] else { return }
            change(&caseRounds![last], checklist)
        }
        changeLast(&rounds[caseID])
    }

    private mutating func storeDataFile(_ record: CheckedRecord, hash: String) {
        guard let file = record.content(as: StoredDataFile.self) else { return }
        switch file.kind {
        case DataKind.checklist:
            guard let checklist = try? file.content.decode(as: Checklist.self) else { return }
            checklists[hash] = checklist
            latestChecklist[checklist.id] = hash
        case DataKind.prerequisites:
            guard let found = try? file.content.decode(as: Prerequisites.self) else { return }
            prerequisites[found.id] = found
        default:
            break
        }
    }
}

/// The record types the plugin keeps.
public enum RecordType {
    public static let group = "group"
    public static let answer = "answer"
    public static let resolution = "resolution"
    public static let figures = "figures"
    public static let rectificationPlan = "rectification-plan"
    public static let rectificationProgress = "rectification-progress"
    public static let rectificationVerified = "rectification-verified"
    public static let guidance = "guidance"
}

/// The data-file kinds the plugin reads.
enum DataKind {
    static let checklist = "checklist"
    static let prerequisites = "prerequisites"
}
