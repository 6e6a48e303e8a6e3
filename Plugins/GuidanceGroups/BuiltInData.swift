import AssayCore
import PluginCommandLine

/// The checklists and prerequisites shipped in `Data/`, built into the plugin.
public enum BuiltInData {
    /// Every built-in data file, read and checked: name and content.
    public static func files() throws -> [StoredDataFile] {
        try loaded.get()
    }

    /// The files, read and checked once: every review and form asks for them.
    private static let loaded = Result { () throws -> [StoredDataFile] in
        let host = try PluginHost([GuidanceGroups()])
        return try EmbeddedData.files.map { name, text in
            let kind = name.hasPrefix("checklists/") ? DataKind.checklist : DataKind.prerequisites
            return try host.builtInDataFile(plugin: GuidanceGroups.name, kind: kind, name: name, text: text)
        }
    }

    /// The built-in data file of `kind` whose id is `id`.
    public static func file(kind: String, id: String) throws -> StoredDataFile {
        let matching = try files().filter { $0.kind == kind }
        if let found = matching.first(where: { $0.content.id == id }) { return found }
        throw CommandRefusal("there is no \(kind) '\(id)'; built in: \(matching.compactMap(\.content.id).joined(separator: ", "))")
    }

    /// The built-in checklists.
    public static func checklists() throws -> [Checklist] {
        try files().filter { $0.kind == DataKind.checklist }.map { try $0.content.decode(as: Checklist.self) }
    }
}

/// The data files the plugin embeds; `EmbedYAMLPlugin` generates `files` from `Data/`.
enum EmbeddedData {}

extension RecordValue {
    /// The `id` of an object value.
    var id: String? {
        if case .object(let members) = self, case .string(let id)? = members["id"] { return id }
        return nil
    }
}
