/// What an answer comes to against its item, worked out once when the answer is folded.
public enum AnswerEvaluation: Sendable, Equatable {
    case met(Int)
    /// Not met, with the points a low level still earns.
    case notMet(Int)
    case notApplicable
    /// The item does not take the answer: why.
    case invalid(String)
}
