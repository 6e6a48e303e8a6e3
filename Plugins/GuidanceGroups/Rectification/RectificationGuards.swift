import AssayCore

/// The guard on resubmitting and rechecking: every item of the case's rectification archive has
/// been verified and closed by an expert.
enum RectificationGuards {
    static let closed = Guard(name: "rectification-closed",
                              summary: "every rectification item of the case is verified and closed") { context in
        guard let state = context.plugins.state(of: GuidanceGroups.self) else { return .fail("the guidance-groups plugin is not registered") }
        let archive = state.archive(of: context.state.id, for: context.state.institution.type)
        let open = archive.filter { !$0.isClosed }
        guard open.isEmpty else {
            let listed = open.map { "\($0.item.id) of round \($0.round) (\($0.status))" }
            return .fail("\(counted(open.count, "rectification item")) open: \(Listing.some(listed, limit: 5))")
        }
        return .pass(archive.isEmpty ? "no rectification items were found" : "all \(counted(archive.count, "rectification item")) closed")
    }
}
