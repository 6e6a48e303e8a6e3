/// An operation's output that may be a problem of any status a write can meet (400, 403, 404,
/// 422): its generated cases witness these requirements, so one initializer maps a problem to
/// the response its status names, where each operation would otherwise switch on it.
protocol ProblemOutput {
    static func badRequest(_ response: Components.Responses.Problem) -> Self
    static func forbidden(_ response: Components.Responses.Problem) -> Self
    static func notFound(_ response: Components.Responses.Problem) -> Self
    static func unprocessableContent(_ response: Components.Responses.Problem) -> Self
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
