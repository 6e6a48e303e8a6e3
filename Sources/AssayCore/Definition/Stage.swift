import AssayYAML

/// A step a case can be in, with the actions that lead out of it.
public struct Stage: Named {
    public var name: String = ""
    public var title: LocalizedText
    /// A case may rest here for good. A terminal stage may still offer actions that reopen the
    /// case, such as a periodic recheck of an institution that reached the standard.
    public var isTerminal: Bool
    public var deadline: Deadline?
    public var actions: NamedList<Action>
    /// The plugin data files the stage's guards read, by data-file kind: such as
    /// `checklist: [township-health-centre]` for an on-site review. Nil when it names none.
    public var uses: [String: [String]]?

    public init(name: String, title: LocalizedText, isTerminal: Bool = false, deadline: Deadline? = nil,
                actions: NamedList<Action> = NamedList(), uses: [String: [String]]? = nil) {
        self.name = name
        self.title = title
        self.isTerminal = isTerminal
        self.deadline = deadline
        self.actions = actions
        self.uses = uses
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case title, isTerminal = "terminal", deadline, actions, uses }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        title = try fields.decode(.title, or: .empty)
        isTerminal = try fields.decodeIfPresent(.isTerminal) ?? false
        deadline = try fields.decodeIfPresent(.deadline)
        actions = try fields.decodeIfPresent(.actions) ?? NamedList()
        uses = try fields.decodeIfPresent(.uses)
        try fields.finish()
    }
}
