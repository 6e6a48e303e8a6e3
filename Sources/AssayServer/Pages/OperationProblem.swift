/// The problem an API operation answered with, for a page that made the call: the page shows
/// the rule's words the API would have sent, and a success is any output without one.
enum OperationProblem {
    /// The problem inside `output` (an operation's `Output`), or nil when it succeeded.
    static func find(in output: Any) -> Problem? {
        search(output, depth: 0)
    }

    private static func search(_ value: Any, depth: Int) -> Problem? {
        if let problem = value as? Components.Schemas.Problem {
            return Problem(status: problem.status, type: problem._type, title: problem.title, detail: problem.detail, field: problem.field)
        }
        guard depth < 6 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = search(child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
