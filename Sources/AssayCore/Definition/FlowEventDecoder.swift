import AssayYAML

/// Decodes a `FlowDefinition` straight from libyaml's events: the fast path of
/// `DefinitionLoader`, with no node tree and no `Decodable` machinery.
///
/// It accepts exactly the definitions the `Decodable` path accepts and builds the same values,
/// and it locates nothing: on anything it does not take (a syntax error, a missing or unknown
/// key, a value of the wrong kind, a duplicate key, an alias) it declines, and the loader
/// decodes the bytes again through the node tree, which says what is wrong and where.
struct FlowEventDecoder {
    private let reader: YAMLEventReader

    /// The definition in `bytes`, or nil when the node-tree path must decide.
    static func decode(_ bytes: [UInt8], limits: YAMLParser.Limits) -> FlowDefinition? {
        try? YAMLEventReader.read(bytes, limits: limits) { reader throws(FastPathDeclined) in
            try FlowEventDecoder(reader: reader).flow()
        }
    }

    private func flow() throws(FastPathDeclined) -> FlowDefinition {
        var id: String?, version: Int?, title: LocalizedText?, roles: NamedList<Role>?, start: String?
        var stages: NamedList<Stage>?, assignedReviewers: [String]??
        try mapping { key throws(FastPathDeclined) in
            switch FlowDefinition.CodingKeys(rawValue: key) {
            case .id: try assign(&id, string())
            case .version: try assign(&version, integer())
            case .title: try assign(&title, localizedText())
            case .roles: try assign(&roles, namedList(role))
            case .start: try assign(&start, string())
            case .stages: try assign(&stages, namedList(stage))
            case .assignedReviewers: try assign(&assignedReviewers, optional(strings))
            case nil: throw FastPathDeclined()
            }
        }
        guard let id, let version, let title, let roles, let start, let stages else { throw FastPathDeclined() }
        return FlowDefinition(id: id, version: version, title: title, roles: roles, start: start, stages: stages,
                              assignedReviewers: assignedReviewers ?? nil)
    }

    private func role() throws(FastPathDeclined) -> Role {
        var title: LocalizedText?
        try mapping { key throws(FastPathDeclined) in
            switch Role.CodingKeys(rawValue: key) {
            case .title: try assign(&title, localizedText())
            case nil: throw FastPathDeclined()
            }
        }
        guard let title else { throw FastPathDeclined() }
        return Role(name: "", title: title)
    }

    private func stage() throws(FastPathDeclined) -> Stage {
        var title: LocalizedText?, isTerminal: Bool??, deadline: Deadline??
        var actions: NamedList<Action>??, uses: [String: [String]]??
        try mapping { key throws(FastPathDeclined) in
            switch Stage.CodingKeys(rawValue: key) {
            case .title: try assign(&title, localizedText())
            case .isTerminal: try assign(&isTerminal, optional(boolean))
            case .deadline: try assign(&deadline, optional(self.deadline))
            case .actions: try assign(&actions, optional { () throws(FastPathDeclined) in try namedList(action) })
            case .uses: try assign(&uses, optional(self.uses))
            case nil: throw FastPathDeclined()
            }
        }
        guard let title else { throw FastPathDeclined() }
        return Stage(name: "", title: title, isTerminal: (isTerminal ?? nil) ?? false, deadline: deadline ?? nil,
                     actions: (actions ?? nil) ?? NamedList(), uses: uses ?? nil)
    }

    private func action() throws(FastPathDeclined) -> Action {
        var title: LocalizedText?, permission: Permission??, guards: [String]??, inputs: NamedList<InputSpec>??
        var target: String?, independentOf: [String]??
        try mapping { key throws(FastPathDeclined) in
            switch Action.CodingKeys(rawValue: key) {
            case .title: try assign(&title, localizedText())
            case .permission: try assign(&permission, optional(self.permission))
            case .guards: try assign(&guards, optional(strings))
            case .inputs: try assign(&inputs, optional { () throws(FastPathDeclined) in try namedList(input) })
            case .target: try assign(&target, string())
            case .independentOf: try assign(&independentOf, optional(strings))
            case nil: throw FastPathDeclined()
            }
        }
        guard let title, let target else { throw FastPathDeclined() }
        return Action(name: "", title: title, permission: permission ?? nil, guards: (guards ?? nil) ?? [],
                      inputs: (inputs ?? nil) ?? NamedList(), target: target, independentOf: (independentOf ?? nil) ?? [])
    }

    private func input() throws(FastPathDeclined) -> InputSpec {
        var kind: InputSpec.Kind?, required: Bool??, options: [String]??
        try mapping { key throws(FastPathDeclined) in
            switch InputSpec.CodingKeys(rawValue: key) {
            case .kind: try assign(&kind, accepted(InputSpec.Kind(rawValue: string())))
            case .required: try assign(&required, optional(boolean))
            case .options: try assign(&options, optional(strings))
            case nil: throw FastPathDeclined()
            }
        }
        guard let kind else { throw FastPathDeclined() }
        return InputSpec(name: "", kind: kind, required: (required ?? nil) ?? false, options: options ?? nil)
    }

    private func permission() throws(FastPathDeclined) -> Permission {
        var role: String?, level: RegionLevel?
        try mapping { key throws(FastPathDeclined) in
            switch Permission.CodingKeys(rawValue: key) {
            case .role: try assign(&role, string())
            case .level: try assign(&level, accepted(RegionLevel(rawValue: string())))
            case nil: throw FastPathDeclined()
            }
        }
        guard let role, let level else { throw FastPathDeclined() }
        return Permission(role: role, level: level)
    }

    private func deadline() throws(FastPathDeclined) -> Deadline {
        var after: DeadlineDuration?, action: String??
        try mapping { key throws(FastPathDeclined) in
            switch Deadline.CodingKeys(rawValue: key) {
            case .after: try assign(&after, accepted(DeadlineDuration(string())))
            case .action: try assign(&action, optional(string))
            case nil: throw FastPathDeclined()
            }
        }
        guard let after else { throw FastPathDeclined() }
        return Deadline(after: after, action: action ?? nil)
    }

    private func localizedText() throws(FastPathDeclined) -> LocalizedText {
        var zh: String?, en: String?
        try mapping { key throws(FastPathDeclined) in
            switch key {
            case "zh": try assign(&zh, string())
            case "en": try assign(&en, string())
            default: throw FastPathDeclined()
            }
        }
        guard let zh, let en else { throw FastPathDeclined() }
        return LocalizedText(zh: zh, en: en)
    }

    private func uses() throws(FastPathDeclined) -> [String: [String]] {
        var uses: [String: [String]] = [:]
        try mapping { key throws(FastPathDeclined) in
            guard uses.updateValue(try strings(), forKey: key) == nil else { throw FastPathDeclined() }
        }
        return uses
    }

    // MARK: Collections

    /// Reads a mapping with scalar keys, handing each key to `value`, which reads its value.
    /// Duplicate keys are left to `value`'s callers (`assign`) and to the collections.
    private func mapping(_ value: (String) throws(FastPathDeclined) -> Void) throws(FastPathDeclined) {
        guard reader.kind == .mappingStart else { throw FastPathDeclined() }
        while true {
            try reader.advance()
            if reader.kind == .mappingEnd { return }
            guard reader.kind == .scalar else { throw FastPathDeclined() }
            let key = reader.text
            try reader.advance()
            try value(key)
        }
    }

    /// A mapping of names to elements, in document order; a name given twice declines.
    private func namedList<Element: Named>(_ element: () throws(FastPathDeclined) -> Element) throws(FastPathDeclined) -> NamedList<Element> {
        var elements: [Element] = []
        var names: Set<String> = []
        try mapping { name throws(FastPathDeclined) in
            guard names.insert(name).inserted else { throw FastPathDeclined() }
            var next = try element()
            next.name = name
            elements.append(next)
        }
        return NamedList(elements)
    }

    private func strings() throws(FastPathDeclined) -> [String] {
        guard reader.kind == .sequenceStart else { throw FastPathDeclined() }
        var strings: [String] = []
        while true {
            try reader.advance()
            if reader.kind == .sequenceEnd { return strings }
            strings.append(try string())
        }
    }

    // MARK: Scalars, read as `YAMLDecoder` reads them

    private func string() throws(FastPathDeclined) -> String {
        guard reader.kind == .scalar, !reader.isNull else { throw FastPathDeclined() }
        return reader.text
    }

    private func integer() throws(FastPathDeclined) -> Int {
        guard reader.kind == .scalar, reader.isPlain, !reader.isNull, let value = Int(reader.text, radix: 10) else { throw FastPathDeclined() }
        return value
    }

    private func boolean() throws(FastPathDeclined) -> Bool {
        guard reader.kind == .scalar, reader.isPlain else { throw FastPathDeclined() }
        switch reader.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw FastPathDeclined()
        }
    }

    /// Nil for a null scalar (an optional key given no value), else what `value` reads.
    private func optional<Value>(_ value: () throws(FastPathDeclined) -> Value) throws(FastPathDeclined) -> Value? {
        reader.isNull ? nil : try value()
    }

    /// `value`, or declines when it is nil (text that names no case of an enumeration).
    private func accepted<Value>(_ value: Value?) throws(FastPathDeclined) -> Value {
        guard let value else { throw FastPathDeclined() }
        return value
    }

    /// Fills a field the first time its key appears; a key given twice declines.
    private func assign<Value>(_ field: inout Value?, _ value: Value) throws(FastPathDeclined) {
        guard case .none = field else { throw FastPathDeclined() }
        field = value
    }
}
