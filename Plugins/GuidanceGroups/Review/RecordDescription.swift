import AssayCore

/// The plugin's records in words, as `history` and `tick` print them.
enum RecordDescription {
    static func of(_ record: PluginRecord) -> String? {
        let by = record.by.id
        switch record.type {
        case RecordType.group:
            guard let group = try? record.value.decode(as: GroupFormed.self) else { return nil }
            return "group formed: leader \(group.leader); members \(group.members.joined(separator: ", ")); checklist \(group.checklist.prefix(12))"
                + (group.reason.map { "; supersedes the last round: \($0)" } ?? "")
        case RecordType.answer:
            guard let answer = try? record.value.decode(as: ItemAnswer.self) else { return nil }
            return "\(by) answered \(answer.item): \(words(answer.answer))"
        case RecordType.resolution:
            guard let resolution = try? record.value.decode(as: ItemResolution.self) else { return nil }
            return "\(by) resolved \(resolution.item) for the group: \(words(resolution.answer)) (\(resolution.reason))"
        case RecordType.rectificationPlan:
            guard let plan = try? record.value.decode(as: RectificationPlan.self) else { return nil }
            return "plan for \(plan.item) of round \(plan.round): \(plan.measure); \(plan.responsible) responsible, due \(plan.deadline)"
        case RecordType.rectificationProgress, RecordType.rectificationVerified:
            guard let note = try? record.value.decode(as: RectificationNote.self) else { return nil }
            return "\(record.type == RecordType.rectificationVerified ? "verified" : "progress on") \(note.item) of round \(note.round): \(note.note)"
        default:
            return nil
        }
    }

    /// `C — 分级护理记录不全 (1 photo)`.
    private static func words(_ answer: AnswerValue) -> String {
        answer.value + (answer.note.map { " — \($0)" } ?? "") + (answer.evidence.isEmpty ? "" : " (\(counted(answer.evidence.count, "piece")) of evidence)")
    }
}
