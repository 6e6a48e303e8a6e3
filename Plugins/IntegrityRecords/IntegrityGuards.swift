import AssayCore

/// The guards integrity records decide: an institution with a substantiated violation may not
/// apply or be rechecked for the period the rules set; a suspended or conflicted expert may not
/// review the case. Each refusal names the record.
enum IntegrityGuards {
    static let institutionEligible = Guard(name: "institution-eligible",
                                           summary: "the institution has no substantiated violation within the period the integrity rules set") { context in
        guard let state = context.plugins.state(of: IntegrityRecords.self) else { return .fail("the integrity-records plugin is not registered") }
        guard let rules = state.rules else { return .pass("no integrity rules are stored, so no violation weighs") }
        let institution = context.state.institution
        if let violation = state.violation(by: Subject(kind: "institution", id: institution.id), weighingFor: rules.institutionIneligibleDays, at: context.at) {
            return .fail("\(institution.name) lost its eligibility: violation \(violation.id) of \(violation.date) (\(violation.description)) weighs for \(rules.institutionIneligibleDays) days under \(rules.id) \(rules.version)")
        }
        return .pass("no substantiated violation by \(institution.id) weighs now")
    }

    static let reviewerEligible = Guard(name: "reviewer-eligible",
                                        summary: "the reviewer is not suspended, barred by a violation, or in conflict with the institution") { context in
        guard let state = context.plugins.state(of: IntegrityRecords.self) else { return .fail("the integrity-records plugin is not registered") }
        let expert = context.actor.id
        let institution = context.state.institution
        if let reason = state.ineligibility(of: expert, toReview: institution, at: context.at) { return .fail(reason) }
        return .pass("\(expert) has no suspension, bar or conflict with \(institution.id)")
    }
}
