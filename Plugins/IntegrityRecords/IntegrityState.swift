import AssayCore

/// What the integrity-records plugin folds its records into: each subject's records by id, each
/// with its history (the versions that superseded one another), and the stored rules.
public struct IntegrityState: Sendable {
    /// One version of a record: what it said, who recorded it, when.
    public struct Version: Sendable, Equatable {
        public var record: IntegrityRecord
        public var by: String
        public var at: Timestamp
    }

    /// Subject (`institution:ID`, `expert:ID`) → record id → its versions, oldest first.
    public internal(set) var records: [Subject: [String: [Version]]] = [:]
    /// The last stored rules.
    public internal(set) var rules: IntegrityRules?

    public init() {}

    /// The records about `subject` as they stand (each id's latest version), by id.
    public func current(_ subject: Subject) -> [IntegrityRecord] {
        guard let byID = records[subject] else { return [] }
        return byID.keys.sorted().compactMap { byID[$0]?.last?.record }
    }

    /// The substantiated violation by `subject` that still weighs at `now`, for `days` after its
    /// date, if any.
    public func violation(by subject: Subject, weighingFor days: Int, at now: Timestamp) -> IntegrityRecord? {
        current(subject).first { record in
            guard record.kind == .violation, record.finding == .substantiated, !record.withdrawn,
                  let start = IntegrityRecord.day(record.date) else { return false }
            return now >= start && now.milliseconds < start.milliseconds + Int64(days) * 86_400_000
        }
    }

    /// The expert's suspension running at `now`, if any.
    public func suspension(of expert: String, at now: Timestamp) -> IntegrityRecord? {
        current(Subject(kind: "expert", id: expert)).first { record in
            guard record.kind == .suspension, !record.withdrawn, let start = IntegrityRecord.day(record.date), now >= start else { return false }
            guard let until = record.until, let last = IntegrityRecord.day(until) else { return true }
            return now.milliseconds < last.milliseconds + 86_400_000
        }
    }

    /// The expert's declared conflicts as they stand (not withdrawn): each with an institution
    /// or a whole county.
    public func conflicts(of expert: String) -> [IntegrityRecord] {
        current(Subject(kind: "expert", id: expert)).filter { $0.kind == .conflict && !$0.withdrawn }
    }

    /// The expert's declared conflict with `institution`, directly or through its county, if any.
    public func conflict(of expert: String, with institution: Institution) -> IntegrityRecord? {
        conflicts(of: expert).first { $0.institution == institution.id || $0.county == institution.region.code }
    }

    /// Why `expert` may not review `institution` at `now` — a suspension running, a violation
    /// that bars them, a declared conflict with the institution or its county — or nil. The
    /// guard `reviewer-eligible` and the expert groups' rules refuse in these words.
    public func ineligibility(of expert: String, toReview institution: Institution, at now: Timestamp) -> String? {
        // Most experts have no record: one look-up says so (it is asked for every answer).
        let subject = Subject(kind: "expert", id: expert)
        guard records[subject] != nil else { return nil }
        if let suspension = suspension(of: expert, at: now) {
            return "\(expert) is suspended: \(suspension.id) from \(suspension.date)\(suspension.until.map { " to \($0)" } ?? "") (\(suspension.description))"
        }
        if let rules, let violation = violation(by: subject, weighingFor: rules.expertBarredDays, at: now) {
            return "\(expert) is barred from reviewing: violation \(violation.id) of \(violation.date) (\(violation.description))"
        }
        if let conflict = conflict(of: expert, with: institution) {
            return "\(expert) declared a conflict of interest with \(conflict.institution ?? "county \(conflict.county ?? "")"): \(conflict.id) (\(conflict.description))"
        }
        return nil
    }

    mutating func fold(_ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        switch record.type {
        case DataFileKind.recordType:
            guard let file = record.content(as: StoredDataFile.self), let found = try? file.content.decode(as: IntegrityRules.self) else { return }
            rules = found
        case IntegrityRecordType.institution, IntegrityRecordType.expert:
            guard let value = record.content(as: IntegrityRecord.self) else { return }
            records[subject, default: [:]][value.id, default: []].append(Version(record: value, by: record.by.id, at: at))
        default:
            break
        }
    }
}

/// The record types: the same record, about an institution or about an expert.
public enum IntegrityRecordType {
    public static let institution = "institution-record"
    public static let expert = "expert-record"

    /// The type of a record about `subject`.
    public static func of(_ subject: Subject) -> String {
        subject.kind == "expert" ? expert : institution
    }
}
