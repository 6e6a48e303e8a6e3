import AssayCore

/// The rule an institution's figures follow, judged when they are written and again when the
/// log is replayed: the institution of the case reports them, nobody else.
enum FigureRules {
    /// Why `record`, about case `caseID`, may not be written, or nil.
    static func refusal(of record: CheckedRecord, about caseID: CaseID, in context: RecordContext) -> String? {
        guard record.type == RecordType.figures else { return nil }
        guard let state = context.caseState else { return "there is no case \(caseID) to record about" }
        guard record.by.jurisdiction == .institution(state.institution.id) else {
            return "the institution \(state.institution.id) reports its own figures; \(record.by.id) does not act for it"
        }
        return nil
    }
}
