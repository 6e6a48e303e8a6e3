import AssayCore
import GuidanceGroups

/// An expert group's review in the demonstration: who joins the team `assay assign` seated, and
/// what the group finds. Every applicable item is answered as met unless a finding says
/// otherwise; one member may see an item differently, and the leader may settle it.
public struct DemoReview: Sendable {
    /// A finding that departs from "met": the value and the note (and a photo) behind it.
    public struct Finding: Sendable {
        public var value: String
        public var note: String

        public init(value: String, note: String) {
            self.value = value
            self.note = note
        }
    }

    public var checklist: String
    /// Experts who join the assigned team (a county expert of the institution's county, say).
    public var joining: [Actor]
    public var findings: [String: Finding]
    /// An item the last member answers differently from the others.
    public var dissent: (item: String, value: String, note: String)?
    /// The leader's resolution of the dissent.
    public var resolution: (value: String, reason: String)?
    /// Why the group supersedes the case's last round (an appeal, a recheck); nil for a first.
    public var reason: String?

    public init(checklist: String, joining: [Actor] = [], findings: [String: Finding] = [:]) {
        self.checklist = checklist
        self.joining = joining
        self.findings = findings
    }

    /// The records the review writes, in order, as (who, record type, value): the group (the
    /// assigned `team`, led by its first expert, and those joining it), then each member's
    /// answers, then the leader's resolution.
    public func records(team: [Actor], checklist: Checklist, hash: String, for type: InstitutionType?, formedBy coordinator: Actor) throws -> [(Actor, String, RecordValue)] {
        guard let leader = team.first else { return [] }
        let everyone = team + joining.filter { joiner in !team.contains { $0.id == joiner.id } }
        var records: [(Actor, String, RecordValue)] = [
            (coordinator, "group", try RecordValue(encoding: GroupFormed(checklist: hash, members: everyone.map(\.id), leader: leader.id, reason: reason))),
        ]
        for (index, member) in everyone.enumerated() {
            for item in checklist.items where item.applies(to: type) {
                var answer = findings[item.id].map { Self.answer($0.value, note: $0.note, for: item) } ?? Self.met(item)
                if let dissent, dissent.item == item.id, index == everyone.count - 1 {
                    answer = Self.answer(dissent.value, note: dissent.note, for: item)
                }
                records.append((member, "answer", try RecordValue(encoding: ItemAnswer(item: item.id, answer: answer))))
            }
        }
        if let dissent, let resolution {
            let settled = Self.answer(resolution.value, note: resolution.reason, for: checklist.item(dissent.item)!)
            records.append((leader, "resolution", try RecordValue(encoding: ItemResolution(item: dissent.item, answer: settled, reason: resolution.reason))))
        }
        return records
    }

    /// An answer that meets `item` in full.
    public static func met(_ item: ChecklistItem) -> AnswerValue {
        switch item.kind {
        case .yesNo: AnswerValue(value: "yes")
        case .evidence: AnswerValue(value: "yes", evidence: [Evidence(kind: .photo, sha256: photo(item.id))])
        case .levels: AnswerValue(value: item.levels?.max { $0.points < $1.points }?.name ?? "")
        case .choice: AnswerValue(value: item.meeting?.last ?? "")
        case .number: AnswerValue(value: String((item.meets?.atLeast ?? 0) + 10))
        case .text: AnswerValue(value: "资料齐全，现场核查属实。")
        }
    }

    /// `value` with `note`, and the photo or document a not-met answer to `item` needs.
    public static func answer(_ value: String, note: String, for item: ChecklistItem) -> AnswerValue {
        let evidence = item.notMetNeeds.compactMap { need -> Evidence? in
            need == .note ? nil : Evidence(kind: need, sha256: photo(item.id + value))
        }
        return AnswerValue(value: value, note: note, evidence: evidence)
    }

    /// A stand-in SHA-256 for the photo taken of `subject` (the demo has no files).
    static func photo(_ subject: String) -> String {
        String(DefinitionHash(canonicalBytes: Array(subject.utf8)).hex)
    }
}
