import AssayCore

/// The guard on applying for the recommended standard: the institution's recorded figures meet
/// the prerequisites the stage uses, for its type.
enum PrerequisiteGuards {
    static let met = Guard(name: "prerequisites-met",
                           summary: "the institution's recorded figures meet the prerequisites the stage uses") { context in
        guard let state = context.plugins.state(of: GuidanceGroups.self) else { return .fail("the guidance-groups plugin is not registered") }
        let used = context.stage.uses?[DataKind.prerequisites] ?? []
        guard let id = used.first else { return .fail("stage \(context.stage.name) uses no prerequisites") }
        guard let prerequisites = state.prerequisites[id] else {
            return .fail("prerequisites \(id) are not stored in the log; record the institution's figures with `assay prerequisites report`, which stores them")
        }
        guard let type = context.state.institution.type else {
            return .fail("institution \(context.state.institution.id) has no recorded type, so no prerequisites apply")
        }
        let figures = state.figures[context.state.id] ?? [:]
        guard let (met, lines) = prerequisites.check(type, figures: figures) else {
            return .fail("prerequisites \(id) \(prerequisites.version) set no conditions for a \(type)")
        }
        let said = "prerequisites \(id) \(prerequisites.version) for a \(type): " + lines.joined(separator: "; ")
        return met ? .pass(said) : .fail(said)
    }
}
