import AssayCore
import RegistrationAudit

/// The demonstration's registrations: each institution registered as its category requires, with
/// a unified social credit code built by GB 32100's algorithm from its county and its place in
/// the directory (the demo has no real codes).
public enum DemoRegistrations {
    /// `institution`'s registration, compliant with `rules` unless `legalPerson` is false; its
    /// code carries `serial` (by default the institution's place in Jiaozuo's directory).
    public static func registration(of institution: Institution, rules: RegistrationRules, legalPerson: Bool = true, serial: Int? = nil) -> RegistrationRecord {
        let type = institution.type ?? .townshipHealthCentre
        let serial = serial ?? (Jiaozuo.institutions.firstIndex(of: institution) ?? Int(institution.id.utf8.reduce(0) { $0 &+ Int($1) }) % 1000) + 1
        // A registration authority sits in a GB/T 2260 division; the demonstration zone's is the city's.
        let division = institution.region.code.allSatisfy(\.isNumber) ? institution.region.code : Jiaozuo.city.code
        let code = SocialCreditCode.make(authority: "1", category: "2", division: division,
                                         organizationBody: "4" + String(String(7_300_000 + serial * 37).suffix(7)))
        return RegistrationRecord(code: code?.text ?? "", name: institution.name, category: type.rawValue, county: division,
                                  ownership: "全民所有制", nature: "非营利性", legalPerson: legalPerson,
                                  practiceSubjects: rules.categories[type.rawValue]?.practiceSubjects ?? [])
    }

    /// The audit records of `institutions`' registrations, by `auditor`, against the stored rules
    /// `hash`; each about `institution:ID`.
    public static func audits(of registrations: [(Institution, RegistrationRecord)], rules: RegistrationRules, hash: String, by auditor: Actor) throws -> [SubjectRecord] {
        try registrations.map { institution, registration in
            SubjectRecord(subject: Subject(kind: "institution", id: institution.id), record: PluginRecord(
                plugin: RegistrationAudit.name, type: "audit", by: auditor,
                value: try RecordValue(encoding: RegistrationAudited(registration: registration, rules: hash, findings: rules.findings(for: registration)))))
        }
    }
}
