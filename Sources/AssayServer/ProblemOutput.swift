/// An operation's output that may be refused: 403 (who may not) or 422 (what the rules refuse).
/// Its generated cases witness these requirements, so one initializer maps a problem to the
/// response its status names, where each operation would otherwise switch on it.
protocol RefusalOutput {
    static func forbidden(_ response: Components.Responses.Problem) -> Self
    static func unprocessableContent(_ response: Components.Responses.Problem) -> Self
}

extension RefusalOutput {
    /// The response `problem` is: 403, or else 422.
    init(refusal problem: Problem) {
        self = problem.status == 403 ? .forbidden(problem.response) : .unprocessableContent(problem.response)
    }
}

/// An operation's output about a case the account may not see: 404 (no such case) or 403.
protocol CaseOutput {
    static func forbidden(_ response: Components.Responses.Problem) -> Self
    static func notFound(_ response: Components.Responses.Problem) -> Self
}

extension CaseOutput {
    /// The response `problem` (from `visibleCase`) is: 404, or else 403.
    init(unseen problem: Problem) {
        self = problem.status == 404 ? .notFound(problem.response) : .forbidden(problem.response)
    }
}

/// An operation's output that may be a problem of any status a write can meet (400, 403, 404, 422).
protocol ProblemOutput: RefusalOutput, CaseOutput {
    static func badRequest(_ response: Components.Responses.Problem) -> Self
}

extension ProblemOutput {
    /// The response `problem` is, by its status (what is not 400, 403 or 404 is a 422).
    init(_ problem: Problem) {
        switch problem.status {
        case 400: self = .badRequest(problem.response)
        case 403: self = .forbidden(problem.response)
        case 404: self = .notFound(problem.response)
        default: self = .unprocessableContent(problem.response)
        }
    }
}

extension Operations.Answer.Output: ProblemOutput {}
extension Operations.Resolve.Output: ProblemOutput {}
extension Operations.PlanRectification.Output: ProblemOutput {}
extension Operations.ReportRectification.Output: ProblemOutput {}
extension Operations.VerifyRectification.Output: ProblemOutput {}
extension Operations.ReportFigures.Output: ProblemOutput {}
extension Operations.RecordGuidanceVisit.Output: ProblemOutput {}
extension Operations.RecordIntegrity.Output: RefusalOutput {}
extension Operations.ImportIntegrityRecords.Output: RefusalOutput {}
extension Operations.AuditRegistrations.Output: RefusalOutput {}
extension Operations.DecideRegistration.Output: RefusalOutput {}
extension Operations.ShowRegistration.Output: RefusalOutput {}
extension Operations.CaseForm.Output: CaseOutput {}
extension Operations.CaseHistory.Output: CaseOutput {}
extension Operations.DeclineSeat.Output: CaseOutput {}
extension Operations.Evidence.Output: CaseOutput {}
extension Operations.FormGroup.Output: CaseOutput {}
extension Operations.ImportSubmissions.Output: CaseOutput {}
extension Operations.Rectification.Output: CaseOutput {}
extension Operations.ReplayCase.Output: CaseOutput {}
extension Operations.Review.Output: CaseOutput {}
extension Operations.ShowCase.Output: CaseOutput {}
extension Operations.StoreEvidence.Output: CaseOutput {}
extension Operations.TakeAction.Output: CaseOutput {}
extension Operations.Prerequisites.Output: CaseOutput {}
