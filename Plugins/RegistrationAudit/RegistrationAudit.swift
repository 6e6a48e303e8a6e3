import AssayCore

/// Registration compliance (seed 003, section 四): institutions' unified social credit codes and
/// registration records checked against the rules, and the commissions' outcomes as history.
///
/// This first part checks codes (`assay registration code`); registration records, their rules
/// as data, the outcomes and the guard on applying follow.
public struct RegistrationAudit: Plugin {
    public static let name = "registration-audit"
    public let version = "0.1"

    public init() {}

    public struct State: Sendable {}

    public var initialState: State { State() }
    public var recordKinds: [RecordKind] { [] }

    public func fold(_ state: inout State, _ record: PluginRecord, about subject: Subject, at: Timestamp) {}

    public var commands: [PluginCommand] {
        [PluginCommand(name: "registration", abstract: "Check institutions' unified social credit codes (GB 32100).") { context in
            try CodeCheck.run(context.arguments)
        }]
    }
}

/// `assay registration code CODE ...`: each code checked, with the rule it breaks by position.
enum CodeCheck {
    static let usage = "usage: assay registration code CODE ...   (check unified social credit codes, GB 32100-2015)"

    static func run(_ arguments: [String]) throws -> String {
        guard arguments.first == "code", arguments.count > 1 else {
            if arguments.first == "--help" || arguments.first == "-h" { return usage }
            throw PluginUsageError(usage)
        }
        var lines: [String] = []
        var failed = 0
        for text in arguments.dropFirst() {
            do {
                let code = try SocialCreditCode(text)
                let registered = SocialCreditCode.categories[code.authority]!
                lines.append("\(code): valid — \(registered.authority), \(registered.categories[code.category]!), division \(code.division), organisation code \(code.organizationCode)")
            } catch {
                failed += 1
                lines.append("\(text): \(error)")
            }
        }
        let report = lines.joined(separator: "\n")
        guard failed == 0 else { throw CodeCheckFailure(report: report, failed: failed) }
        return report
    }
}

/// Codes that break a rule: the whole report, exit 1.
struct CodeCheckFailure: Error, CustomStringConvertible {
    var report: String
    var failed: Int

    var description: String { "\(report)\n\(counted(failed, "code")) invalid" }
}
