import AssayCore

/// Registration compliance (seed 003, section 四): institutions' registrations audited against
/// rules kept as data — the unified social credit code (GB 32100), name and category, ownership
/// and operating nature, legal-person status, practice subjects — and the commissions' decisions
/// (rectify by a deadline, not evaluated, grade lowered) as history. Applying is guarded by
/// `registration-compliant`; a rectification deadline that passes is decided `not-evaluated` by
/// `tick`.
public struct RegistrationAudit: DeadlinePlugin {
    public static let name = "registration-audit"
    public let version = "1.0"

    public init() {}

    public var initialState: RegistrationState { RegistrationState() }

    public func fold(_ state: inout RegistrationState, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        state.fold(record, about: subject, at: at)
    }

    public var recordKinds: [RecordKind] {
        [RecordKind(name: RegistrationRecordType.audit, summary: "an audit of an institution's registration against the rules, with its findings",
                    about: "institution", value: RegistrationAudited.self),
         RecordKind(name: RegistrationRecordType.decision, summary: "the commission's decision on a registration's findings",
                    about: "institution", value: RegistrationDecision.self) { $0.problem }]
    }

    public var dataFileKinds: [DataFileKind] {
        [DataFileKind(name: RegistrationRules.kind, summary: "the rules a registration must meet, by category", type: RegistrationRules.self)]
    }

    public var guards: [Guard] { [RegistrationGuard.compliant] }

    public func describe(_ record: PluginRecord) -> String? {
        switch record.type {
        case RegistrationRecordType.audit:
            guard let audit = try? record.value.decode(as: RegistrationAudited.self) else { return nil }
            let registration = "\(audit.registration.name) (code \(audit.registration.code))"
            return audit.findings.isEmpty ? "audited \(registration): compliant"
                : "audited \(registration): not compliant — " + audit.findings.map(\.description).joined(separator: "; ")
        case RegistrationRecordType.decision:
            guard let decision = try? record.value.decode(as: RegistrationDecision.self) else { return nil }
            return "decided \(decision.outcome.rawValue)" + (decision.deadline.map { " by \($0)" } ?? "") + ": \(decision.note)"
        default:
            return nil
        }
    }

    public var commands: [PluginCommand] { [RegistrationCommand.pluginCommand] }

    /// A rectify decision whose deadline passed with the registration still not compliant is
    /// decided `not-evaluated`, by the system. Only an institution with a decision can be due,
    /// so a tick looks at those, not at every institution audited.
    public func due(in state: RegistrationState, at now: Timestamp) -> [SubjectRecord] {
        state.decisions.keys.sorted().compactMap { institution in
            guard let (deadline, passed) = openRectification(of: institution, in: state), passed < now,
                  let value = try? RecordValue(encoding: RegistrationDecision(outcome: .notEvaluated, note: "the rectification deadline \(deadline) passed"))
            else { return nil }
            return SubjectRecord(subject: Self.subject(institution),
                             record: PluginRecord(plugin: Self.name, type: RegistrationRecordType.decision, by: .system, value: value))
        }
    }

    /// The end of the day an open rectify decision must be met by.
    public func deadline(of subject: Subject, in state: RegistrationState) -> Timestamp? {
        guard subject.kind == "institution" else { return nil }
        return openRectification(of: String(subject.value.dropFirst("institution:".count)), in: state)?.passed
    }

    public func deadlines(in state: RegistrationState) -> [Subject: Timestamp] {
        state.decisions.keys.reduce(into: [:]) { deadlines, institution in
            deadlines[Self.subject(institution)] = openRectification(of: institution, in: state)?.passed
        }
    }

    /// The institution's rectify decision still standing on a non-compliant registration: its
    /// deadline as decided, and the moment that day ends.
    private func openRectification(of institution: String, in state: RegistrationState) -> (deadline: String, passed: Timestamp)? {
        guard state.decisions[institution] != nil, case .nonCompliant(_, let decision?) = state.standing(of: institution), decision.outcome == .rectify,
              let deadline = decision.deadline, let passed = RegistrationDecision.endOfDay(deadline) else { return nil }
        return (deadline, passed)
    }

    private static func subject(_ institution: String) -> Subject {
        Subject(kind: "institution", id: institution)
    }
}

extension RegistrationRules {
    /// The data-file kind the rules are stored as.
    static let kind = "registration-rules"
}

/// The rules built into the plugin from `Data/`; `EmbedYAMLPlugin` generates `files`.
enum EmbeddedData {}

/// The built-in registration rules.
public enum BuiltInRules {
    /// The rules file, read and checked.
    public static func file() throws -> StoredDataFile {
        guard let (name, text) = EmbeddedData.files.first else { throw BuiltInDataFileError(name: "registration rules", errors: ["none is built in"]) }
        return try PluginHost([RegistrationAudit()]).builtInDataFile(plugin: RegistrationAudit.name, kind: RegistrationRules.kind, name: name, text: text)
    }

    /// The built-in rules read.
    public static func rules() throws -> RegistrationRules {
        try file().content.decode(as: RegistrationRules.self)
    }
}
