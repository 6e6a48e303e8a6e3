/// Why a plugin record was refused before anything was written.
public enum RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownPlugin(String, known: [String])
    case unknownType(plugin: String, type: String, known: [String])
    /// The record kind is about another kind of subject.
    case wrongSubject(plugin: String, type: String, expected: String, subject: Subject)
    case malformed(plugin: String, type: String, problem: String)
    /// A well-formed record the plugin's rules forbid now, such as an answer by someone outside
    /// the group.
    case refused(plugin: String, type: String, reason: String)
    /// A record about a case that has not been opened.
    case unknownCase(CaseID)
    /// The time given is earlier than the case's last change; history only moves forward.
    case timeBeforeLastEvent(at: Timestamp, last: Timestamp)

    public var description: String {
        switch self {
        case .unknownPlugin(let plugin, let known):
            "no plugin '\(plugin)' is registered; registered plugins: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .unknownType(let plugin, let type, let known):
            "plugin '\(plugin)' keeps no record of type '\(type)'; it keeps: \(known.joined(separator: ", "))"
        case .wrongSubject(let plugin, let type, let expected, let subject):
            "a '\(type)' record of plugin '\(plugin)' is about a subject of kind '\(expected)', not \(subject) (\(subject.kind))"
        case .malformed(let plugin, let type, let problem):
            "the '\(type)' record of plugin '\(plugin)' is malformed: \(problem)"
        case .refused(_, _, let reason):
            "refused: \(reason)"
        case .unknownCase(let id):
            "there is no case \(id) to record about; open the case first"
        case .timeBeforeLastEvent(let at, let last):
            "the record is dated \(at), before the case's last change at \(last); history only moves forward"
        }
    }
}
