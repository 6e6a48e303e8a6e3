import AssayCore

/// The institution's plan for a shortfall: the measure, who is responsible, and by when.
public struct RectificationPlan: Sendable, Equatable, Codable {
    /// The review round whose not-met item this rectifies.
    public var round: Int
    public var item: String
    public var measure: String
    public var responsible: String
    /// The date it is due, `YYYY-MM-DD`.
    public var deadline: String

    public init(round: Int, item: String, measure: String, responsible: String, deadline: String) {
        self.round = round
        self.item = item
        self.measure = measure
        self.responsible = responsible
        self.deadline = deadline
    }

    /// Why the plan is not usable as written, or nil.
    var problem: String? {
        if measure.isEmptyText { return "a plan needs a measure" }
        if responsible.isEmptyText { return "a plan needs a responsible person" }
        if !Self.isDate(deadline) { return "the deadline is a date, YYYY-MM-DD, not '\(deadline)'" }
        return nil
    }

    static func isDate(_ text: String) -> Bool {
        CalendarDay(text) != nil
    }
}

/// A report on a rectification item: the institution's progress, or an expert's verification
/// that closes it.
public struct RectificationNote: Sendable, Equatable, Codable {
    public var round: Int
    public var item: String
    public var note: String

    public init(round: Int, item: String, note: String) {
        self.round = round
        self.item = item
        self.note = note
    }
}

/// A guidance visit (帮扶指导) a lead unit or partner hospital made to an institution.
public struct GuidanceVisit: Sendable, Equatable, Codable {
    /// Who guided: the lead unit of a medical alliance, or a partner hospital.
    public enum Helper: String, Sendable, Codable, CaseIterable {
        case leadUnit = "lead-unit"
        case partnerHospital = "partner-hospital"
    }

    public var unit: String
    public var helper: Helper
    /// What was worked on, such as infection control or the triage process.
    public var topics: String
    public var note: String

    public init(unit: String, helper: Helper, topics: String, note: String) {
        self.unit = unit
        self.helper = helper
        self.topics = topics
        self.note = note
    }
}
