import AssayYAML

/// Validates a set of definition files and folders, reporting every problem in every file.
public struct WorkflowValidation: Sendable {
    public var loader: DefinitionLoader
    public var validator: Validator

    public init(loader: DefinitionLoader = DefinitionLoader(), validator: Validator = Validator()) {
        self.loader = loader
        self.validator = validator
    }

    /// Loads and checks every YAML file under `paths`.
    public func run(_ paths: [String]) -> ValidationReport {
        var report = ValidationReport()
        let files: [String]
        do {
            files = try DefinitionLoader.yamlFiles(in: paths)
        } catch {
            report.add(unreadable: error)
            return report
        }
        var firstFile: [String: LoadedDefinition] = [:]
        for file in files {
            report.files.append(file)
            let bytes: [UInt8]
            do {
                bytes = try DefinitionLoader.read(file)
            } catch {
                report.add(unreadable: error)
                continue
            }
            check(file: file, bytes: bytes, firstFile: &firstFile, into: &report)
        }
        if files.isEmpty {
            report.add(unreadable: YAMLError(file: paths.joined(separator: ", "), mark: Mark(line: 1, column: 1),
                                             reason: .unreadable("no .yaml or .yml files found")))
        }
        return report
    }

    /// Loads and checks flows given as bytes, such as the ones built into the program.
    public func run(sources: [(file: String, bytes: [UInt8])]) -> ValidationReport {
        var report = ValidationReport()
        var firstFile: [String: LoadedDefinition] = [:]
        for (file, bytes) in sources {
            report.files.append(file)
            check(file: file, bytes: bytes, firstFile: &firstFile, into: &report)
        }
        return report
    }

    /// Loads and checks one file; a flow version seen before in `firstFile` is an error.
    private func check(file: String, bytes: [UInt8], firstFile: inout [String: LoadedDefinition], into report: inout ValidationReport) {
        let (decoded, errors) = loader.loadReportingAll(bytes, file: file)
        report.diagnostics.append(contentsOf: errors.map(Diagnostic.init))
        guard let loaded = decoded else { return }
        // A definition read past a duplicate or unknown key is checked too, but never run.
        report.diagnostics.append(contentsOf: validator.validate(loaded))
        guard errors.isEmpty else { return }
        let key = "\(loaded.definition.id)@\(loaded.definition.version)"
        if let first = firstFile[key] {
            let note = Diagnostic(.note, file: first.file, at: first.mark(at: ["version"]), "first defined here")
            report.diagnostics.append(Diagnostic(.error, file: file, at: loaded.mark(at: ["version"]),
                "flow '\(loaded.definition.id)' version \(loaded.definition.version) is also defined in \(first.file); give this one a new version",
                notes: [note]))
        } else {
            firstFile[key] = loaded
        }
        report.definitions.append(loaded)
    }
}
