import AssayYAML
import Foundation

/// Reads flow definitions from YAML files.
public struct DefinitionLoader: Sendable {
    public var decoder: YAMLDecoder

    public init(decoder: YAMLDecoder = YAMLDecoder()) {
        self.decoder = decoder
    }

    /// Parses and decodes one definition from `bytes`; `file` names it in errors.
    ///
    /// A definition is decoded straight from libyaml's events (`FlowEventDecoder`); only when
    /// that path declines are the bytes parsed into a node tree and decoded with `YAMLDecoder`,
    /// which locates the error.
    public func load(_ bytes: [UInt8], file: String) throws(YAMLError) -> LoadedDefinition {
        loaded(try decode(bytes, file: file), from: bytes, file: file)
    }

    /// The definition in `bytes`, as `load` reads it, without its content hash.
    public func decode(_ bytes: [UInt8], file: String) throws(YAMLError) -> FlowDefinition {
        if let definition = fastDecode(bytes) { return definition }
        return try decoder.decode(FlowDefinition.self, from: bytes, file: file)
    }

    /// Parses and decodes one definition from `bytes`, reporting every error found: every
    /// duplicate key, every schema error (see `YAMLDecoder.decodeReportingAll`). When the only
    /// errors are ones decoding reads past (a duplicate key, an unknown key), the definition is
    /// returned with them, so validation can check it in the same run; a caller that runs flows
    /// must refuse any error.
    public func loadReportingAll(_ bytes: [UInt8], file: String) -> (loaded: LoadedDefinition?, errors: [YAMLError]) {
        if let definition = fastDecode(bytes) { return (loaded(definition, from: bytes, file: file), []) }
        let (node, parseErrors) = decoder.parser.parseReportingAll(bytes, file: file)
        guard let document = node else { return (nil, parseErrors) }
        let (definition, errors) = decoder.decodeReportingAllRecovering(FlowDefinition.self, from: document, file: file)
        return (definition.map { loaded($0, from: bytes, file: file) }, (parseErrors + errors).sorted { $0.mark < $1.mark })
    }

    /// The definition decoded from libyaml's events, or nil when the node tree must decide.
    /// It takes only what `YAMLDecoder` takes, so a loader that accepts unknown keys skips it.
    private func fastDecode(_ bytes: [UInt8]) -> FlowDefinition? {
        decoder.rejectsUnknownKeys ? FlowEventDecoder.decode(bytes, limits: decoder.parser.limits) : nil
    }

    private func loaded(_ definition: FlowDefinition, from bytes: [UInt8], file: String) -> LoadedDefinition {
        LoadedDefinition(definition: definition, file: file, source: bytes, parser: decoder.parser)
    }

    /// Reads and loads the file at `path`.
    public func load(file path: String) throws(YAMLError) -> LoadedDefinition {
        try load(Self.read(path), file: path)
    }

    /// Loads every definition in `paths` (files, or folders searched for `.yaml` and `.yml`),
    /// failing at the first problem. For a report of every problem, use `WorkflowValidation`.
    public func loadAll(_ paths: [String]) throws(YAMLError) -> [LoadedDefinition] {
        var loaded: [LoadedDefinition] = []
        for file in try Self.yamlFiles(in: paths) {
            loaded.append(try load(file: file))
        }
        return loaded
    }

    /// The YAML files named by `paths`: files as given, folders searched recursively, sorted.
    public static func yamlFiles(in paths: [String]) throws(YAMLError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw unreadable(path, "no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw unreadable(path, "the folder cannot be listed")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(YAMLError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw unreadable(path, FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file")
        }
        return Array(data)
    }

    private static func unreadable(_ path: String, _ explanation: String) -> YAMLError {
        YAMLError(file: path, mark: Mark(line: 1, column: 1), reason: .unreadable(explanation))
    }
}
