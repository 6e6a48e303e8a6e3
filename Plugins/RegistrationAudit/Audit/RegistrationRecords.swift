import AssayCore

/// An audit of an institution's registration: the registration as the system holds it, the
/// rules it was checked against (by hash), and what they found.
public struct RegistrationAudited: Sendable, Equatable, Codable {
    public var registration: RegistrationRecord
    /// The stored rules, by content hash.
    public var rules: String
    public var findings: [RegistrationFinding]

    public init(registration: RegistrationRecord, rules: String, findings: [RegistrationFinding]) {
        self.registration = registration
        self.rules = rules
        self.findings = findings
    }
}

/// The commission's decision on an audit's findings (seed 003, section 四).
public struct RegistrationDecision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Rectify by the deadline (supply a legal-person certificate, say).
        case rectify
        /// Not evaluated: no capability review until it is compliant.
        case notEvaluated = "not-evaluated"
        /// Its capability grade is lowered.
        case gradeLowered = "grade-lowered"
    }

    public var outcome: Outcome
    /// For `rectify`: the last day, `YYYY-MM-DD`, China Standard Time.
    public var deadline: String?
    public var note: String

    public init(outcome: Outcome, deadline: String? = nil, note: String) {
        self.outcome = outcome
        self.deadline = deadline
        self.note = note
    }

    /// Why the decision is not usable as written, or nil.
    public var problem: String? {
        if note.allSatisfy(\.isWhitespace) { return "a decision needs a note of what was decided and why" }
        switch (outcome, deadline) {
        case (.rectify, nil): return "a rectify decision needs a deadline"
        case (.rectify, let date?) where Self.endOfDay(date) == nil: return "the deadline is a date, YYYY-MM-DD, not '\(date)'"
        case (.notEvaluated, _?), (.gradeLowered, _?): return "only a rectify decision has a deadline"
        default: return nil
        }
    }

    /// When a deadline on `date` passes: the end of that day, China Standard Time.
    static func endOfDay(_ date: String) -> Timestamp? {
        CalendarDay(date)?.end
    }
}
