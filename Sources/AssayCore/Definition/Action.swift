import AssayYAML

/// Something an actor (or a passed deadline) does to a case in a stage, moving it to `target`.
public struct Action: Named {
    public var name: String = ""
    public var title: LocalizedText
    /// Who may take it. Without one, only a stage deadline can take the action.
    public var permission: Permission?
    /// Named guards that must all hold; plugins provide most of them.
    public var guards: [String]
    /// The inputs the action takes.
    public var inputs: NamedList<InputSpec>
    /// The stage the case moves to.
    public var target: String
    /// Actions of this flow whose actors may not take this one on the same case (an appeal is
    /// decided by people other than those who made the decision).
    public var independentOf: [String]

    public init(
        name: String, title: LocalizedText, permission: Permission?, guards: [String] = [],
        inputs: NamedList<InputSpec> = NamedList(), target: String, independentOf: [String] = []
    ) {
        self.name = name
        self.title = title
        self.permission = permission
        self.guards = guards
        self.inputs = inputs
        self.target = target
        self.independentOf = independentOf
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, permission = "by", guards, inputs, target = "to", independentOf = "independent-of"
    }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        title = try fields.decode(.title, or: .empty)
        permission = try fields.decodeIfPresent(.permission)
        guards = try fields.decodeIfPresent(.guards) ?? []
        inputs = try fields.decodeIfPresent(.inputs) ?? NamedList()
        target = try fields.decode(.target, or: "")
        independentOf = try fields.decodeIfPresent(.independentOf) ?? []
        try fields.finish()
    }
}
