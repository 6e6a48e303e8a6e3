import AssayCore
import AssayYAML

/// What `assay replay --what-if PATH` reads: the YAML files under PATH, each a changed flow (a
/// document with `stages`) or a changed plugin data file, such as a checklist, whose kind is the
/// one it loads as.
struct WhatIfInputs {
    var flowFiles: [String] = []
    var dataFiles: [StoredDataFile] = []

    /// Sorts the files under `path`; a data file that loads as no kind fails with the errors of
    /// the kind it comes closest to, each with its line and column.
    init(_ path: String, host: PluginHost) throws {
        let parser = YAMLParser()
        let kinds = host.plugins.flatMap { plugin in plugin.dataFileKinds.map { (plugin: type(of: plugin).name, kind: $0.name) } }
        for file in try DefinitionLoader.yamlFiles(in: [path]) {
            let bytes = try DefinitionLoader.read(file)
            if (try? parser.parse(bytes, file: file))?["stages"] != nil || kinds.isEmpty {
                flowFiles.append(file)
                continue
            }
            var closest: [YAMLError]?
            var loaded: StoredDataFile?
            for (plugin, kind) in kinds {
                let (found, errors) = try host.loadDataFile(plugin: plugin, kind: kind, bytes: bytes, file: file)
                if let found, errors.isEmpty {
                    loaded = found
                    break
                }
                if closest == nil || errors.count < closest!.count { closest = errors }
            }
            guard let loaded else {
                throw CommandFailure.wrong("\(file) is neither a flow (it has no stages) nor a data file a plugin reads:\n"
                    + (closest ?? []).map(\.description).joined(separator: "\n"))
            }
            dataFiles.append(loaded)
        }
    }
}
