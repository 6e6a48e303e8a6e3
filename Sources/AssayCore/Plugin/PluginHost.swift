import AssayYAML

/// The plugins an engine, replay and validation run with: their guards beside the core's, the
/// kinds of record they keep, their data files, their commands, and the fold of their records.
///
/// The `assay` executable registers its plugins in one list; tests register their own.
public struct PluginHost: Sendable {
    public let plugins: [any Plugin]
    /// The core's guards and every plugin's.
    public let guards: GuardRegistry
    /// Data files folded in place of the stored ones of the same plugin, kind and id (what-if).
    private var substitutes: [String: StoredDataFile] = [:]
    /// Each plugin by name, and its record kinds by name: looked up for every record folded,
    /// checked or replayed, so built once.
    private let byName: [String: (plugin: any Plugin, kinds: [String: RecordKind])]
    /// The names of the plugins with deadlines of their own: asked on every record appended.
    public let deadlinePluginNames: Set<String>

    /// A host for `plugins`; two plugins of one name, or two guards of one name, are an error.
    public init(_ plugins: [any Plugin]) throws(PluginHostError) {
        var names: Set<String> = []
        for plugin in plugins where !names.insert(type(of: plugin).name).inserted {
            throw .duplicatePlugin(type(of: plugin).name)
        }
        self.plugins = plugins
        byName = Dictionary(uniqueKeysWithValues: plugins.map { plugin in
            (type(of: plugin).name, (plugin, Dictionary(plugin.recordKinds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })))
        })
        deadlinePluginNames = Set(plugins.compactMap { $0 as? any DeadlinePlugin }.map { type(of: $0).name })
        do {
            guards = try GuardRegistry([StandardGuards()] + plugins.map { PluginGuards(id: type(of: $0).name, guards: $0.guards) })
        } catch {
            throw .guards(error)
        }
    }

    /// No plugins: the core's guards only.
    public static let none = PluginHost(empty: ())

    private init(empty: Void) {
        plugins = []
        guards = .standard
        byName = [:]
        deadlinePluginNames = []
    }

    /// The plugin named `name`.
    public func plugin(named name: String) -> (any Plugin)? {
        byName[name]?.plugin
    }

    /// The plugin command named `name`, if a plugin offers one.
    public func command(named name: String) -> PluginCommand? {
        plugins.lazy.flatMap(\.commands).first { $0.name == name }
    }

    /// Every plugin's state before any record.
    public var initialStates: PluginStates {
        PluginStates(Dictionary(uniqueKeysWithValues: plugins.map { (type(of: $0).name, $0.initialState as any Sendable) }))
    }

    /// Checks that `record` names a registered plugin and one of its record kinds, is about a
    /// subject of that kind, and is well-formed; returns it with its value read as the kind
    /// reads it. A data file's record is checked by `loadDataFile` instead.
    @discardableResult
    public func check(_ record: PluginRecord, about subject: Subject) throws(RecordError) -> CheckedRecord {
        try check(record, about: subject, encodedFrom: nil)
    }

    /// `check(_:about:)` of a record encoded from `content` (`SubjectRecord(subject:plugin:type:by:encoding:)`),
    /// which is judged in place of the record's value read again.
    private func check(_ record: PluginRecord, about subject: Subject, encodedFrom content: (any Sendable)?) throws(RecordError) -> CheckedRecord {
        guard let (plugin, kinds) = byName[record.plugin] else {
            throw .unknownPlugin(record.plugin, known: plugins.map { type(of: $0).name })
        }
        guard let kind = kinds[record.type] else {
            throw .unknownType(plugin: record.plugin, type: record.type, known: plugin.recordKinds.map(\.name))
        }
        guard kind.subjectKind == subject.kind else {
            throw .wrongSubject(plugin: record.plugin, type: record.type, expected: kind.subjectKind, subject: subject)
        }
        switch kind.read(record.value, encodedFrom: content) {
        case .success(let content): return CheckedRecord(record, content: content)
        case .failure(let malformed): throw .malformed(plugin: record.plugin, type: record.type, problem: malformed.description)
        }
    }

    /// `check(_:about:)` of each entry, in order; the first entry that fails fails them all. A
    /// long batch (an import of thousands of records) is checked on every core.
    public func check(_ entries: [SubjectRecord]) async throws(RecordError) -> [CheckedRecord] {
        let host = self
        let parts = await entries.concurrentMapInParts { entry in
            Result { () throws(RecordError) in try host.check(entry.record, about: entry.subject, encodedFrom: entry.content) }
        }
        return try parts.joined().map { result throws(RecordError) in try result.get() }
    }

    /// `log`'s events, each with the plugin record it holds checked (`checkedRecord(of:)`): the
    /// part of folding them that needs no order, on every core.
    func checkedEvents(of log: [LogEntry]) async -> [[Result<(event: Event, record: CheckedRecord?), CanonicalReader.Failure>]] {
        let host = self
        return await log.concurrentMapInParts { entry in
            Result { () throws(CanonicalReader.Failure) in try entry.event() }.map { event in
                guard case .success(let record)? = host.checkedRecord(of: event) else { return (event, nil) }
                return (event, record)
            }
        }
    }

    /// The plugin record `event` holds, checked (`check(_:about:)`) or, for a stored data file,
    /// read as the file; nil when `event` holds none. What the fold and the rules take.
    public func checkedRecord(of event: Event) -> Result<CheckedRecord, RecordError>? {
        guard case .recorded(let record) = event.body else { return nil }
        guard record.type == DataFileKind.recordType else {
            return Result { () throws(RecordError) in try check(record, about: event.subject) }
        }
        return RecordKind.decode(record.value, as: StoredDataFile.self)
            .map { CheckedRecord(record, content: $0) }
            .mapError { .malformed(plugin: record.plugin, type: record.type, problem: $0.description) }
    }

    /// Checks that the plugin's rules admit `record` about `subject` at `at`, in `context`: a
    /// `RecordError.refused` with the plugin's words if not.
    public func admit(_ record: CheckedRecord, about subject: Subject, at: Timestamp, in context: RecordContext) throws(RecordError) {
        guard record.type != DataFileKind.recordType, let plugin = plugin(named: record.record.plugin),
              let reason = plugin.refusal(of: record, about: subject, at: at, in: context) else { return }
        throw .refused(plugin: record.record.plugin, type: record.type, reason: reason)
    }

    /// What `record` says, in words: its plugin's description, or else its type and fields
    /// written plainly (`decision: outcome not-evaluated, note …`), never raw JSON.
    public func describe(_ record: PluginRecord) -> String {
        if record.type == DataFileKind.recordType, let file = try? record.value.decode(as: StoredDataFile.self) {
            return "stored \(file.kind) \(file.file)"
        }
        return plugin(named: record.plugin)?.describe(record) ?? "\(record.type): \(record.value.plainText)"
    }

    /// Reads a data file of `kind` for `plugin`: its content to store, or every error in it
    /// with file, line and column.
    public func loadDataFile(plugin name: String, kind kindName: String, bytes: [UInt8], file: String) throws(RecordError) -> (file: StoredDataFile?, errors: [YAMLError]) {
        guard let plugin = plugin(named: name) else {
            throw .unknownPlugin(name, known: plugins.map { type(of: $0).name })
        }
        guard let kind = plugin.dataFileKinds.first(where: { $0.name == kindName }) else {
            throw .unknownType(plugin: name, type: kindName, known: plugin.dataFileKinds.map(\.name))
        }
        let (content, errors) = kind.load(bytes, file: file)
        return (content.map { StoredDataFile(plugin: name, kind: kindName, file: file, content: $0) }, errors)
    }

    /// This host, folding `files` in place of the stored data files of the same plugin, kind and
    /// `id`, under the stored files' hashes: what the plugins would have decided had `files`
    /// been the ones stored (`WhatIf`).
    public func substituting(_ files: [StoredDataFile]) -> PluginHost {
        var host = self
        for file in files { host.substitutes[Self.identity(file)] = file }
        return host
    }

    private static func identity(_ file: StoredDataFile) -> String {
        let id = if case .object(let members) = file.content, case .string(let id)? = members["id"] { id } else { file.file }
        return "\(file.plugin)/\(file.kind)/\(id)"
    }

    /// A data file built into a plugin (`name` and `text` as `EmbedYAMLPlugin` embeds them),
    /// read and checked like any other; a build whose file has errors throws them all.
    public func builtInDataFile(plugin: String, kind: String, name: String, text: String) throws -> StoredDataFile {
        let (file, errors) = try loadDataFile(plugin: plugin, kind: kind, bytes: Array(text.utf8), file: "<built-in>/\(name)")
        guard let file, errors.isEmpty else { throw BuiltInDataFileError(name: name, errors: errors.map(\.description)) }
        return file
    }

    /// Folds `event` into `states` when it holds a well-formed plugin record (a data file's
    /// included).
    public func fold(_ states: inout PluginStates, _ event: Event) {
        guard case .success(let record)? = checkedRecord(of: event) else { return }
        fold(&states, record, about: event.subject, at: event.at)
    }

    /// Folds `record`, about `subject` at `at`, into its plugin's state; a stored data file is
    /// kept among the states' data files too, or its substitute (`substituting`) in its place.
    public func fold(_ states: inout PluginStates, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        guard let plugin = plugin(named: record.record.plugin) else { return }
        var record = record
        if record.type == DataFileKind.recordType, var file = record.content(as: StoredDataFile.self) {
            let hash = file.hash
            if let substitute = substitutes[Self.identity(file)], let replaced = try? CheckedRecord(storing: substitute, by: record.by) {
                file = substitute
                record = replaced
            }
            states.dataFiles[hash] = file
        }
        Self.fold(plugin, &states, record, subject, at)
    }

    /// Lets every plugin forget the case `subject`, whose last event the log has given (see
    /// `Plugin.forget`).
    public func forget(_ subject: Subject, in states: inout PluginStates) {
        for plugin in plugins { Self.forget(plugin, subject, &states) }
    }

    /// The records every plugin's deadlines call for at `now`, given the folded `states`.
    public func due(in states: PluginStates, at now: Timestamp) -> [SubjectRecord] {
        deadlinePlugins.flatMap { Self.due($0, states, now) }
    }

    /// The plugins with deadlines of their own.
    public var deadlinePlugins: [any DeadlinePlugin] {
        plugins.compactMap { $0 as? any DeadlinePlugin }
    }

    /// The earliest moment after which any plugin's deadline may call for a record about
    /// `subject` (not a case), given the folded `states`; nil when none is open.
    public func deadline(of subject: Subject, in states: PluginStates) -> Timestamp? {
        deadlinePlugins.compactMap { Self.deadline($0, of: subject, states) }.min()
    }

    /// Every subject's earliest open plugin deadline, given the folded `states`.
    public func deadlines(in states: PluginStates) -> [Subject: Timestamp] {
        deadlinePlugins.reduce(into: [:]) { all, plugin in
            all.merge(Self.deadlines(plugin, states), uniquingKeysWith: min)
        }
    }

    private static func due<P: DeadlinePlugin>(_ plugin: P, _ states: PluginStates, _ now: Timestamp) -> [SubjectRecord] {
        plugin.due(in: states.states[P.name] as? P.State ?? plugin.initialState, at: now)
    }

    private static func deadline<P: DeadlinePlugin>(_ plugin: P, of subject: Subject, _ states: PluginStates) -> Timestamp? {
        plugin.deadline(of: subject, in: states.states[P.name] as? P.State ?? plugin.initialState)
    }

    private static func deadlines<P: DeadlinePlugin>(_ plugin: P, _ states: PluginStates) -> [Subject: Timestamp] {
        plugin.deadlines(in: states.states[P.name] as? P.State ?? plugin.initialState)
    }

    private static func forget<P: Plugin>(_ plugin: P, _ subject: Subject, _ states: inout PluginStates) {
        guard var state = states.states.removeValue(forKey: P.name) as? P.State else { return }
        plugin.forget(subject, in: &state)
        states.states[P.name] = state
    }

    private static func fold<P: Plugin>(_ plugin: P, _ states: inout PluginStates, _ record: CheckedRecord, _ subject: Subject, _ at: Timestamp) {
        // Changed in its slot (one look-up of the name), taken out of it meanwhile, so the
        // state's storage has one owner and is changed in place, not copied for every record.
        func change(_ slot: inout (any Sendable)?) {
            var state = slot as? P.State ?? plugin.initialState
            slot = nil
            plugin.fold(&state, record, about: subject, at: at)
            slot = state
        }
        change(&states.states[P.name])
    }
}

/// A data file built into a plugin does not load: a build with a broken data file.
public struct BuiltInDataFileError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var errors: [String]

    public init(name: String, errors: [String]) {
        self.name = name
        self.errors = errors
    }

    public var description: String { "the built-in \(name) does not load:\n" + errors.joined(separator: "\n") }
}

/// A plugin's guards, offered to the guard registry under the plugin's name.
struct PluginGuards: GuardProvider {
    let id: String
    let guards: [Guard]
}

/// Plugins that cannot be registered together.
public enum PluginHostError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicatePlugin(String)
    case guards(GuardRegistryError)

    public var description: String {
        switch self {
        case .duplicatePlugin(let name): "two plugins are named '\(name)'; a plugin's name must be unique"
        case .guards(let error): error.description
        }
    }
}
