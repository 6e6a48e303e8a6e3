import AssayCore
import AssayYAML
import CYAML

/// Definition loading against raw libyaml event parsing of the same bytes.
struct LoadingBenchmark {
    let files: [(name: String, bytes: [UInt8])]
    /// How many times each measured run goes over all the files.
    let passes: Int

    var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } * passes }
    var totalFiles: Int { files.count * passes }

    func run(repetitions: Int) throws -> [Measurement] {
        let raw = Measurement.run("libyaml events (peer)", repetitions: repetitions) {
            for _ in 0..<passes { for file in files { Self.parseEvents(file.bytes) } }
        }
        let parser = YAMLParser()
        let tree = try Measurement.run("node tree", repetitions: repetitions) {
            for _ in 0..<passes { for file in files { _ = try parser.parse(file.bytes, file: file.name) } }
        }
        let decoder = YAMLDecoder()
        let treeDecode = try Measurement.run("node tree + Decodable (errors)", repetitions: repetitions) {
            for _ in 0..<passes {
                for file in files { _ = try decoder.decode(FlowDefinition.self, from: file.bytes, file: file.name) }
            }
        }
        let loader = DefinitionLoader()
        let decode = try Measurement.run("decode from events (the loader)", repetitions: repetitions) {
            for _ in 0..<passes { for file in files { _ = try loader.decode(file.bytes, file: file.name) } }
        }
        let load = try Measurement.run("load (decode + content hash)", repetitions: repetitions) {
            for _ in 0..<passes { for file in files { _ = try loader.load(file.bytes, file: file.name) } }
        }
        return [raw, tree, treeDecode, decode, load]
    }

    /// Parses `bytes` with libyaml and discards the events: the fastest anything built on
    /// libyaml can go.
    static func parseEvents(_ bytes: [UInt8]) {
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
    }
}
