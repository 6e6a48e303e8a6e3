import AssayCore

/// The recommended standard's prerequisites an institution reports figures against and is
/// checked by, shared by `assay prerequisites` and the server.
extension GuidanceGroupsState {
    /// The id of the built-in prerequisites, which the recommended flow's application uses.
    public static let recommendedPrerequisites = "recommended-standard"

    /// The built-in prerequisites figures are reported against, with their file when the log
    /// does not yet hold that edition (to be stored with the figures, so the guard reads them).
    public func prerequisitesToReport() throws -> (prerequisites: Prerequisites, unstored: StoredDataFile?) {
        let file = try BuiltInData.file(kind: DataKind.prerequisites, id: Self.recommendedPrerequisites)
        let built = try file.content.decode(as: Prerequisites.self)
        return (built, prerequisites[built.id] == built ? nil : file)
    }

    /// The case's figures checked against the prerequisites in the log (or the built-in ones),
    /// or nil when none apply to its institution (`noPrerequisites` says why).
    public func prerequisitesCheck(of state: CaseState) throws -> FiguresCheck? {
        let prerequisites = try prerequisites[Self.recommendedPrerequisites]
            ?? BuiltInData.file(kind: DataKind.prerequisites, id: Self.recommendedPrerequisites).content.decode(as: Prerequisites.self)
        guard let type = state.institution.type, let (met, lines) = prerequisites.check(type, figures: figures[state.id] ?? [:]) else { return nil }
        return FiguresCheck(prerequisites: prerequisites, type: type, met: met, lines: lines)
    }

    /// Why no prerequisites apply to the case's institution.
    public static func noPrerequisites(for state: CaseState) -> String {
        "no prerequisites apply to \(state.institution.name), whose type is \(state.institution.type?.rawValue ?? "not recorded")"
    }
}

/// A case's figures checked against the prerequisites: met or not, a line per condition.
public struct FiguresCheck: Sendable {
    public var prerequisites: Prerequisites
    public var type: InstitutionType
    public var met: Bool
    public var lines: [String]

    /// The check as `assay prerequisites check` prints it.
    public var text: String {
        (["prerequisites \(prerequisites.id) \(prerequisites.version) for a \(type): \(met ? "met" : "not met")"] + lines.map { "  " + $0 }).joined(separator: "\n")
    }
}

extension Prerequisites {
    /// Why `name` is not one of the figures, or nil.
    public func unknownFigure(_ name: String) -> String? {
        figures[name] == nil ? "'\(name)' is not a figure; figures: \(figures.keys.sorted().joined(separator: ", "))" : nil
    }
}
