import AssayCore

/// What the registration-audit plugin folds its records into: the stored rules, and each
/// institution's audits and decisions in the order recorded.
public struct RegistrationState: Sendable {
    /// One record as it stands in an institution's history.
    public struct Entry<Value: Sendable>: Sendable {
        public var value: Value
        public var by: String
        public var at: Timestamp
    }

    /// Stored rules by content hash.
    public internal(set) var rules: [String: RegistrationRules] = [:]
    /// The hash of the last stored rules of each id.
    public internal(set) var latestRules: [String: String] = [:]
    public internal(set) var audits: [String: [Entry<RegistrationAudited>]] = [:]
    public internal(set) var decisions: [String: [Entry<RegistrationDecision>]] = [:]

    public init() {}

    /// Where an institution's registration stands at `now`.
    public enum Standing: Sendable, Equatable {
        case notAudited
        case compliant(audit: Timestamp, rules: String)
        /// Findings, and the decision on them if one was recorded after the audit.
        case nonCompliant(findings: [RegistrationFinding], decision: RegistrationDecision?)
    }

    /// The institution's standing: its last audit's findings, recomputed from the registration
    /// and the rules it pinned, and the last decision recorded after that audit.
    public func standing(of institution: String) -> Standing {
        guard let audit = audits[institution]?.last else { return .notAudited }
        let findings = rules[audit.value.rules].map { $0.findings(for: audit.value.registration) } ?? audit.value.findings
        guard !findings.isEmpty else { return .compliant(audit: audit.at, rules: rules[audit.value.rules]?.name ?? audit.value.rules) }
        let decision = decisions[institution]?.last { $0.at >= audit.at }?.value
        return .nonCompliant(findings: findings, decision: decision)
    }

    mutating func fold(_ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        let institution = String(subject.value.drop { $0 != ":" }.dropFirst())
        switch record.type {
        case DataFileKind.recordType:
            guard let file = record.content(as: StoredDataFile.self), let found = try? file.content.decode(as: RegistrationRules.self) else { return }
            let hash = String(subject.value.dropFirst(DataFileKind.recordType.count + 1))
            rules[hash] = found
            latestRules[found.id] = hash
        case RegistrationRecordType.audit:
            guard let audit = record.content(as: RegistrationAudited.self) else { return }
            audits[institution, default: []].append(Entry(value: audit, by: record.by.id, at: at))
        case RegistrationRecordType.decision:
            guard let decision = record.content(as: RegistrationDecision.self) else { return }
            decisions[institution, default: []].append(Entry(value: decision, by: record.by.id, at: at))
        default:
            break
        }
    }
}

/// The record types the plugin keeps, each about `institution:ID`.
public enum RegistrationRecordType {
    public static let audit = "audit"
    public static let decision = "decision"
}
