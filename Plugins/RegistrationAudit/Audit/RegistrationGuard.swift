import AssayCore

/// The guard on applying: the institution's registration is compliant (seed 003, section 四: an
/// institution whose registration still fails is not evaluated).
enum RegistrationGuard {
    static let compliant = Guard(name: "registration-compliant",
                                 summary: "the institution's last registration audit found it compliant") { context in
        guard let state = context.plugins.state(of: RegistrationAudit.self) else { return .fail("the registration-audit plugin is not registered") }
        let institution = context.state.institution
        switch state.standing(of: institution.id) {
        case .notAudited:
            return .fail("no registration audit of \(institution.name) (\(institution.id)) is recorded; audit it with `assay registration audit`")
        case .compliant(let at, let rules):
            return .pass("registration audited compliant at \(at) under \(rules)")
        case .nonCompliant(let findings, let decision):
            let found = findings.map(\.description).joined(separator: "; ")
            switch decision {
            case nil: return .fail("the registration of \(institution.name) is not compliant (\(found)); the commission has not decided yet")
            case let decision?:
                let decided = decision.outcome == .rectify ? "it must be rectified by \(decision.deadline ?? "")" : "decided: \(decision.outcome.rawValue)"
                return .fail("the registration of \(institution.name) is not compliant (\(found)); \(decided)")
            }
        }
    }
}
