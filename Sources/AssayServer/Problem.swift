import AssayCore

/// An RFC 9457 problem: the status, a rule's name as its type, and what happened in the words
/// `assay` prints.
struct Problem: Error {
    var status: Int
    var type: String
    var title: String
    var detail: String
    var field: String?
    var currentVersion: Int?
    /// Seconds until a throttled request may be retried (429).
    var retryAfter: Int?

    var body: Components.Schemas.Problem {
        .init(_type: type, title: title, status: status, detail: detail, field: field, currentVersion: currentVersion)
    }

    var response: Components.Responses.Problem { .init(body: .applicationProblemJson(body)) }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(status: 400, type: "/problems/invalid-input", title: "Invalid input", detail: detail, field: field)
    }

    static let unauthorized = Problem(status: 401, type: "/problems/sign-in", title: "Not signed in",
                                      detail: "sign in with POST /sessions and send the token as `Authorization: Bearer TOKEN`")

    static func forbidden(_ rule: String, _ detail: String) -> Problem {
        Problem(status: 403, type: "/problems/\(rule)", title: "Forbidden", detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, type: "/problems/not-found", title: "Not found", detail: detail)
    }

    static func refused(_ detail: String) -> Problem {
        Problem(status: 422, type: "/problems/refused", title: "Refused by the rules", detail: detail)
    }

    /// Guards that decide who may act rather than whether the case allows the action.
    static let personalGuards: Set<String> = [FlowDefinition.assignedReviewerGuard, "reviewer-eligible", "group-leader", "group-member"]
}

extension Problem {
    /// The problem a refusal of the engine is: who may not act is 403 (naming the rule), stale
    /// is 409, an input is 400, what the rules refuse is 422; in the refusal's own words.
    init(_ refusal: TransitionError) {
        let words = "refused: \(refusal)"
        switch refusal {
        case .unknownCase: self = .notFound(refusal.description)
        case .staleVersion(_, _, let current):
            self = Problem(status: 409, type: "/problems/stale-version", title: "The case has moved on", detail: refusal.description, currentVersion: current)
        case .caseAlreadyExists:
            self = Problem(status: 409, type: "/problems/case-exists", title: "The case exists", detail: refusal.description)
        case .roleNotPermitted: self = .forbidden("role", words)
        case .outsideJurisdiction, .notActingFor: self = .forbidden("jurisdiction", words)
        case .notIndependent: self = .forbidden("independence", words)
        case .deadlineOnly: self = .forbidden("deadline-only", words)
        case .missingInput(_, let input), .unexpectedInput(_, let input, _), .invalidInput(_, let input, _, _):
            self = .badRequest(words, field: input)
        case .invalidCaseID: self = .badRequest(refusal.description, field: "id")
        case .guardFailed(_, let results):
            // A guard that says who may act is a permission; the others judge the case.
            let personal = results.first { !$0.passed && Self.personalGuards.contains($0.name) }
            self = personal.map { .forbidden($0.name, words) } ?? .refused(words)
        default: self = .refused(words)
        }
    }

    /// The problem a refused record is: 404 for a case not opened, 422 for what the plugin's
    /// rules refuse (in their words), 400 for a malformed value.
    init(_ refusal: RecordError) {
        switch refusal {
        case .unknownCase: self = .notFound(refusal.description)
        case .refused: self = .refused(refusal.description)
        case .malformed: self = .badRequest(refusal.description)
        default: self = .refused(refusal.description)
        }
    }
}
